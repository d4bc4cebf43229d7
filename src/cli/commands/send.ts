import { randomBytes } from 'node:crypto'
import { EXIT, positional, stringOption, UsageError, type Command } from '../command.js'
import { endpointUrl } from '../endpoint-url.js'
import { describeAck, describeAnswer, isExpectedAck, postWebhook, signFor } from '../post-webhook.js'
import { providerKits } from '../provider-kits.js'
import { readSecret, SECRET_OPTIONS, SECRET_USAGE } from '../read-secret.js'

export const sendCommand: Command = {
  name: 'send',
  summary: 'send one signed sample webhook (the provider’s documented payload)',
  usage: `payhooks send <provider> <url> [--status completed] [--reference R] [--amount 25000] (--secret-env <NAME> | --secret <value>) [--json]

  Builds the provider's documented sample with the test kit, signs it the way the provider does
  (a token provider's token goes into the URL) and POSTs it. Exit code 0 on a 2xx answer.

  --status <sample>   a sample of the provider's test kit (default completed); a wrong name lists them
  --reference <ref>   the order reference to put in it (default payhooks-send-<random>)
  --amount <decimal>  the amount, in the provider's currency
  ${SECRET_USAGE}`,
  options: { status: { type: 'string' }, reference: { type: 'string' }, amount: { type: 'string' }, ...SECRET_OPTIONS },
  async run({ values, positionals, io, out }) {
    const kits = providerKits(positional(positionals, 0, 'the provider'))
    const endpoint = endpointUrl(positional(positionals, 1, 'the webhook URL'))
    const sampleName = stringOption(values, 'status') ?? 'completed'
    const reference = stringOption(values, 'reference') ?? `payhooks-send-${randomBytes(6).toString('hex')}`
    const amount = stringOption(values, 'amount')
    if (amount !== undefined && !/^\d+(\.\d+)?$/.test(amount)) throw new UsageError(`--amount takes a decimal number like 25000 or 12.50 (got ${JSON.stringify(amount)}).`)
    const payload = kits.operator.sample(sampleName, { reference, amount })
    if (payload === undefined) throw new UsageError(`${kits.provider} has no sample named ${JSON.stringify(sampleName)}: use one of ${Object.keys(kits.test.samples).join(', ')}.`)
    const secret = readSecret(values, io.env, out)
    const signed = await signFor(kits, endpoint, secret, payload)
    const answer = await postWebhook(endpoint, signed)
    const expected = kits.test.createAdapter([secret]).ack('applied')
    const checkBody = kits.operator.doctor.checkAckBody
    const acknowledged = answer.status >= 200 && answer.status < 300
    const expectedForm = isExpectedAck(answer, expected, checkBody)
    if (out.json) {
      out.printJson({ provider: kits.provider, url: endpoint.href, sample: sampleName, reference, status: answer.status, body: answer.body, acknowledged, expectedForm })
    } else {
      const { style } = out
      out.print(`→ POST ${endpoint.href}  ${kits.provider} ${sampleName}, reference ${reference}`)
      const verdict = !acknowledged
        ? `${style.mark('fail')} not acknowledged`
        : expectedForm
          ? `${style.mark('pass')} acknowledged as ${kits.provider} expects`
          : `${style.mark('warn')} acknowledged, but ${kits.provider} expects ${describeAck(expected, checkBody)}`
      out.print(`← ${describeAnswer(answer)}  ${verdict}`)
    }
    return acknowledged ? EXIT.ok : EXIT.failed
  },
}
