import { EXIT, positional, type Command } from '../command.js'
import { openHooks, SOURCE_OPTIONS } from '../operator-source.js'

export const replayCommand: Command = {
  name: 'replay',
  summary: 're-run a verified delivery that was answered 503 (e.g. the store was down)',
  usage: `payhooks replay <delivery-id> [--config <file>] [--json]

  Applies the logged (redacted) request again like a webhook, without verifying it anew (it was
  verified when received); the replay is logged with source 'replay'. Anything but a verified
  webhook answered 503 STORE_UNAVAILABLE is refused, with the reason. Find ids with payhooks deliveries.

  --config <file>     the host's payhooks config (default: payhooks.config.{ts,mts,mjs,js} here)`,
  options: { config: SOURCE_OPTIONS.config },
  async run({ values, positionals, io, out }) {
    const id = positional(positionals, 0, 'the delivery id')
    const hooks = await openHooks(values, io.cwd)
    try {
      const result = await hooks.replay(id)
      await hooks.idle()
      if (out.json) out.printJson(result)
      else if (result.replayed) out.print(`${out.style.mark('pass')} replayed ${id}: ${result.delivery.outcome}${result.delivery.reference === null ? '' : ` (${result.delivery.provider} ${result.delivery.reference})`}, logged as ${result.delivery.id}`)
      else out.print(`${out.style.mark('fail')} not replayed (${result.reason}): ${result.message}`)
      return result.replayed ? EXIT.ok : EXIT.failed
    } finally {
      await hooks.close()
    }
  },
}
