import { EXIT, stringOption, UsageError, type Command } from '../command.js'
import { age, parseDuration } from '../duration.js'
import { openSource, SOURCE_USAGE } from '../operator-source.js'
import { formatTable } from '../output/table.js'
import { LIST_OPTIONS, listLimit } from './records.js'

/** --since takes a duration back from now (1h) or a date (2026-03-01T07:00:00Z). */
function since(text: string | undefined): Date | undefined {
  if (text === undefined) return undefined
  if (/^\d+(\.\d+)?(ms|s|m|h|d)$/.test(text)) return new Date(Date.now() - parseDuration(text, 'since'))
  const date = new Date(text)
  if (Number.isNaN(date.getTime())) throw new UsageError(`--since takes a duration (1h) or a date (2026-03-01T07:00:00Z); got ${JSON.stringify(text)}.`)
  return date
}

export const deliveriesCommand: Command = {
  name: 'deliveries',
  summary: 'the delivery log: every webhook, poll and replay, newest first (redacted)',
  usage: `payhooks deliveries [--provider <name>] [--reference <ref>] [--id <delivery-id>] [--since 1h|<date>] [--limit 50] [--config <file> | --store …] [--json]

  --json prints each delivery whole (headers and body, secrets already redacted by payhooks)
  ${SOURCE_USAGE}`,
  options: { ...LIST_OPTIONS, id: { type: 'string' }, since: { type: 'string' } },
  async run({ values, io, out }) {
    const query = {
      provider: stringOption(values, 'provider'),
      reference: stringOption(values, 'reference'),
      id: stringOption(values, 'id'),
      since: since(stringOption(values, 'since')),
      limit: listLimit(values),
    }
    const source = await openSource(values, io.cwd)
    try {
      const deliveries = source.kind === 'hooks' ? await source.hooks.deliveries(query) : await source.store.deliveries(query)
      if (out.json) {
        out.printJson(deliveries)
        return EXIT.ok
      }
      if (deliveries.length === 0) {
        out.print('No deliveries.')
        return EXIT.ok
      }
      const now = new Date()
      const { style } = out
      const rows = deliveries.map((d) => [
        age(d.receivedAt, now),
        d.provider,
        d.source,
        d.outcome === 'rejected' ? { text: `rejected ${d.errorCode ?? ''}`.trim(), paint: (t: string) => style.paint('red', t) } : d.outcome,
        d.reference ?? '',
        d.status ?? '',
        d.verified ? 'yes' : 'no',
        d.id,
      ])
      out.print(formatTable(['received', 'provider', 'source', 'outcome', 'reference', 'status', 'verified', 'id'], rows, style))
      return EXIT.ok
    } finally {
      await source.close()
    }
  },
}
