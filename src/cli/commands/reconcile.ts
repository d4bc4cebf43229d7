import type { ReconcileReport } from '../../engine/reconcile.js'
import { EXIT, stringOption, stringsOption, UsageError, type Command } from '../command.js'
import { parseDuration } from '../duration.js'
import { openHooks, SOURCE_OPTIONS } from '../operator-source.js'
import { progressReporter } from '../output/progress-bar.js'
import { formatTable } from '../output/table.js'
import { listLimit, providerOption } from './records.js'

export const reconcileCommand: Command = {
  name: 'reconcile',
  summary: 'poll the providers’ status APIs for records stuck in a non-final status, and apply the answers',
  usage: `payhooks reconcile [--older-than 10m] [--provider <name> …] [--limit 500] [--config <file>] [--json]
       payhooks reconcile --provider <name> --reference <ref> [--config <file>] [--json]

  Through the host's own providers (their status API credentials) and notifiers, from its config.
  A progress bar on a terminal, a line per record otherwise. Exit code 0 when no poll failed.

  --older-than <d>    records unchanged at least this long (default 10m; 0s for every open record)
  --reference <ref>   poll this one record now, whatever its age (with --provider)
  --config <file>     the host's payhooks config (default: payhooks.config.{ts,mts,mjs,js} here)`,
  options: { 'older-than': { type: 'string' }, provider: { type: 'string', multiple: true }, reference: { type: 'string' }, limit: { type: 'string' }, config: SOURCE_OPTIONS.config },
  async run({ values, io, out }) {
    const providers = stringsOption(values, 'provider').map((name) => providerOption({ provider: name }) as NonNullable<ReturnType<typeof providerOption>>)
    const reference = stringOption(values, 'reference')
    if (reference !== undefined && providers.length !== 1) throw new UsageError('--reference needs exactly one --provider.')
    const olderThan = parseDuration(stringOption(values, 'older-than') ?? '10m', 'older-than')
    const limit = values.limit === undefined ? 500 : listLimit(values)
    const hooks = await openHooks(values, io.cwd)
    try {
      if (reference !== undefined) {
        const one = await hooks.reconcileRecord(providers[0] as (typeof providers)[number], reference)
        if (out.json) out.printJson(one)
        else out.print(`${out.style.mark(one.outcome === 'failed' || one.outcome === 'not_found' ? 'fail' : 'pass')} ${providers[0]} ${reference}: ${one.outcome}${one.record === null ? '' : ` (now ${one.record.status})`}${one.error === undefined ? '' : ` — ${one.error.code}: ${one.error.message}`}`)
        return one.outcome === 'failed' || one.outcome === 'not_found' ? EXIT.failed : EXIT.ok
      }
      const progress = out.json ? undefined : progressReporter(io.stdout, out.style)
      const report = await hooks.reconcile({ olderThan, limit, ...(providers.length === 0 ? {} : { providers }), ...(progress === undefined ? {} : { onProgress: progress.update }) })
      progress?.finish()
      if (out.json) out.printJson(report)
      else printReport(report, out)
      return report.failed === 0 ? EXIT.ok : EXIT.failed
    } finally {
      await hooks.close()
    }
  },
}

function printReport(report: ReconcileReport, out: Parameters<Command['run']>[0]['out']): void {
  const { style } = out
  const counts = ['checked', 'applied', 'unchanged', 'notFound', 'unsupported', 'failed'] as const
  out.print(counts.map((name) => `${name} ${report[name]}`).join(' · '))
  if (report.errors.length > 0) {
    out.print(formatTable(['', 'provider', 'reference', 'error', 'hint'], report.errors.map((e) => [style.markCell('fail'), e.provider, e.reference, `${e.code}: ${e.message}`, e.hint ?? '']), style))
  }
  for (const { provider, reason } of report.unsupportedProviders) out.print(`${style.mark('skip')} ${provider}: ${reason}`)
}
