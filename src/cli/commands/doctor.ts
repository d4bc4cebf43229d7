import { randomBytes } from 'node:crypto'
import { EXIT, positional, requireOption, stringOption, type Command } from '../command.js'
import { runDoctor } from '../doctor/run-doctor.js'
import type { DoctorReport } from '../doctor/doctor-check.js'
import { endpointUrl } from '../endpoint-url.js'
import { openStore, STORE_USAGE } from '../open-store.js'
import { formatTable } from '../output/table.js'
import { providerKits } from '../provider-kits.js'
import { readSecret, SECRET_OPTIONS, SECRET_USAGE } from '../read-secret.js'

export const doctorCommand: Command = {
  name: 'doctor',
  summary: 'check a live webhook endpoint the way the provider will use it',
  usage: `payhooks doctor <url> --provider <name> (--secret-env <NAME> | --secret <value>) [--store …] [--json]

  Sends signed and deliberately wrong deliveries for an order of its own (payhooks-doctor-<random>),
  never a real one: reachable; unsigned refused (401); tampered body refused; signed accepted in the
  provider's form; redelivery acknowledged; a late delivery acknowledged and not applied; the
  provider's test notification acknowledged. Exit code 0 only when every check passed.

  --provider <name>   the provider the endpoint receives
  ${SECRET_USAGE}
  ${STORE_USAGE}
                      with it, doctor confirms each outcome in the endpoint's delivery log`,
  options: { provider: { type: 'string' }, store: { type: 'string' }, ...SECRET_OPTIONS },
  async run({ values, positionals, io, out }) {
    const endpoint = endpointUrl(positional(positionals, 0, 'the webhook URL'))
    const kits = providerKits(requireOption(values, 'provider'))
    const secret = readSecret(values, io.env, out)
    // Before anything is sent: a factory refusal (a Client Key, whitespace) is the answer.
    const adapter = kits.test.createAdapter([secret])
    const storeSpec = stringOption(values, 'store')
    const store = storeSpec === undefined ? undefined : await openStore(storeSpec, io.cwd)
    const reference = `payhooks-doctor-${randomBytes(6).toString('hex')}`
    out.print(`payhooks doctor: ${kits.provider} at ${endpoint.href}`)
    out.print(out.style.paint('dim', `Deliveries use the reference ${reference}, an order of doctor's own: no real order is touched.\n`))
    let report: DoctorReport
    try {
      const checks = await runDoctor({ kits, adapter, endpoint, secret, reference, store })
      report = { provider: kits.provider, url: endpoint.href, reference, store: store !== undefined, checks, passed: checks.every((c) => c.result !== 'fail') }
    } finally {
      await store?.close?.()
    }
    if (out.json) {
      out.printJson(report)
    } else {
      const { style } = out
      const rows = report.checks.map((c) => [style.markCell(c.result), c.title, c.detail])
      out.print(formatTable(['', 'check', 'result'], rows, style))
      const count = (result: string) => report.checks.filter((c) => c.result === result).length
      const failed = report.checks.filter((c) => c.result === 'fail').map((c) => c.title)
      out.print(`${count('pass')} passed, ${count('fail')} failed, ${count('skip')} skipped${failed.length === 0 ? '' : ` — failing: ${failed.join('; ')}`}`)
    }
    return report.passed ? EXIT.ok : EXIT.failed
  },
}
