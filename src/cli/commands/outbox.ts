import { EXIT, stringOption, UsageError, type Command } from '../command.js'
import { age } from '../duration.js'
import { openHooks, openSource, SOURCE_OPTIONS, SOURCE_USAGE } from '../operator-source.js'
import { formatTable } from '../output/table.js'
import { listLimit } from './records.js'

/** Enough to find the rows a retry touched; an operator's outbox is not larger than this in one look. */
const MAX_ROWS = 10_000

export const outboxCommand: Command = {
  name: 'outbox',
  summary: 'notifications waiting, sent or dead-lettered; `outbox retry <id>|--all` sends dead ones again',
  usage: `payhooks outbox [--dead] [--reference <ref>] [--limit 50] [--config <file> | --store …] [--json]
       payhooks outbox retry (<outbox-id> | --all) [--config <file>] [--json]

  --dead              only dead-lettered notifications (their retries ran out)
  retry               puts a dead (or failed, waiting) notification back, due now, and delivers it
                      through the host's notifiers: needs the config, not --store
  ${SOURCE_USAGE}`,
  options: { dead: { type: 'boolean' }, all: { type: 'boolean' }, reference: { type: 'string' }, limit: { type: 'string' }, ...SOURCE_OPTIONS },
  async run({ values, positionals, io, out }) {
    const [action, id] = positionals
    if (action !== undefined && action !== 'retry') throw new UsageError(`Unknown outbox action ${JSON.stringify(action)}: the only one is retry.`)
    if (action === 'retry') {
      const all = values.all === true
      if ((id === undefined) === !all) throw new UsageError('outbox retry takes one outbox id, or --all.')
      const hooks = await openHooks(values, io.cwd)
      try {
        const targets = all ? (await hooks.notifications({ state: 'dead', limit: MAX_ROWS })).map((row) => row.id) : [id as string]
        const requeued = await hooks.retryNotifications(all ? { all: true } : { id: id as string })
        // The requeued rows are due now: deliver them before the process ends, then say where they stand.
        await hooks.drainOutbox()
        await hooks.idle()
        const after = (await hooks.notifications({ limit: MAX_ROWS })).filter((row) => targets.includes(row.id))
        const sent = after.filter((row) => row.state === 'sent').length
        if (out.json) out.printJson({ requeued, sent, notSent: after.filter((row) => row.state !== 'sent').map(({ id: rowId, state, lastError }) => ({ id: rowId, state, lastError })) })
        else if (requeued === 0) out.print(`${out.style.mark('warn')} nothing to retry${all ? ': no dead notifications' : `: ${id} is not dead or waiting`}`)
        else out.print(`${out.style.mark(sent === requeued ? 'pass' : 'fail')} requeued ${requeued}, delivered ${sent} through the host's notifiers${sent === requeued ? '' : '; the rest failed again and wait for their next attempt (payhooks outbox)'}`)
        return requeued > 0 && sent === requeued ? EXIT.ok : EXIT.failed
      } finally {
        await hooks.close()
      }
    }
    const query = { state: values.dead === true ? ('dead' as const) : undefined, reference: stringOption(values, 'reference'), limit: listLimit(values) }
    const source = await openSource(values, io.cwd)
    try {
      const rows = source.kind === 'hooks' ? await source.hooks.notifications(query) : await source.store.notifications(query)
      if (out.json) {
        out.printJson(rows)
        return EXIT.ok
      }
      if (rows.length === 0) {
        out.print(query.state === 'dead' ? 'No dead notifications.' : 'The outbox is empty.')
        return EXIT.ok
      }
      const now = new Date()
      const { style } = out
      const table = rows.map((row) => [
        row.state === 'dead' ? { text: 'dead', paint: (t: string) => style.paint('red', t) } : row.state,
        row.notifier,
        row.transition.record.reference,
        `${row.transition.from ?? 'new'} → ${row.transition.to}`,
        String(row.attempts),
        row.state === 'pending' ? `next ${age(now, row.nextAttemptAt).replace(' ago', '')}` : '',
        row.lastError ?? '',
        row.id,
      ])
      out.print(formatTable(['state', 'notifier', 'reference', 'transition', 'attempts', 'due', 'last error', 'id'], table, style))
      return EXIT.ok
    } finally {
      await source.close()
    }
  },
}
