import { PROVIDERS, type ProviderName } from '../../core/event.js'
import { stuckCutoff } from '../../engine/stuck-cutoff.js'
import { formatMoney } from '../../core/money.js'
import { EXIT, stringOption, UsageError, type Command, type OptionValues } from '../command.js'
import { age, parseDuration } from '../duration.js'
import { openSource, SOURCE_OPTIONS, SOURCE_USAGE } from '../operator-source.js'
import { formatTable } from '../output/table.js'

export const LIST_OPTIONS = { provider: { type: 'string' }, reference: { type: 'string' }, limit: { type: 'string' }, ...SOURCE_OPTIONS } as const

export function listLimit(values: OptionValues): number {
  const text = stringOption(values, 'limit') ?? '50'
  const limit = Number(text)
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit takes a positive whole number (got ${JSON.stringify(text)}).`)
  return limit
}

export function providerOption(values: OptionValues): ProviderName | undefined {
  const provider = stringOption(values, 'provider')
  if (provider !== undefined && !(PROVIDERS as readonly string[]).includes(provider)) throw new UsageError(`Unknown provider ${JSON.stringify(provider)}: use one of ${PROVIDERS.join(', ')}.`)
  return provider as ProviderName | undefined
}

export const recordsCommand: Command = {
  name: 'records',
  summary: 'list orders and payments as payhooks knows them (--stuck 10m: not final, unchanged that long)',
  usage: `payhooks records [--stuck 10m] [--provider <name>] [--reference <ref>] [--limit 50] [--config <file> | --store …] [--json]

  --stuck <duration>  only records not in a final status and unchanged for at least this long
  ${SOURCE_USAGE}`,
  options: { ...LIST_OPTIONS, stuck: { type: 'string' } },
  async run({ values, io, out }) {
    const stuck = stringOption(values, 'stuck')
    const stuckFor = stuck === undefined ? undefined : parseDuration(stuck, 'stuck')
    const query = { provider: providerOption(values), reference: stringOption(values, 'reference'), limit: listLimit(values) }
    const source = await openSource(values, io.cwd)
    try {
      const records =
        source.kind === 'hooks'
          ? await source.hooks.records({ ...query, stuckFor })
          : await source.store.listRecords({ ...query, unresolvedBefore: stuckFor === undefined ? undefined : stuckCutoff(stuckFor) })
      if (out.json) {
        out.printJson(records)
        return EXIT.ok
      }
      if (records.length === 0) {
        out.print(stuck === undefined ? 'No records.' : `No records stuck for ${stuck} or more.`)
        return EXIT.ok
      }
      const now = new Date()
      const rows = records.map((r) => [r.provider, r.reference, r.status, r.providerStatus ?? '', r.expectedAmount === null ? '' : formatMoney(r.expectedAmount), age(r.updatedAt, now)])
      out.print(formatTable(['provider', 'reference', 'status', 'provider status', 'expected', 'updated'], rows, out.style))
      return EXIT.ok
    } finally {
      await source.close()
    }
  },
}
