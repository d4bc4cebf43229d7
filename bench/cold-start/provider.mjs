// One cold process: import one provider, verify and parse its first event (a signed DataMart order).
import { datamart } from '../../dist/node/datamart.js'

const [secret, body, signature] = process.argv.slice(2)
const adapter = datamart({ webhookSecret: secret })
const req = { headers: { 'x-datamart-signature': signature }, url: '/webhooks/datamart', method: 'POST', body }
const verdict = await adapter.verifySignature(req)
if (!verdict.ok) throw new Error(verdict.error.message)
const event = await adapter.parse(req)
// Since the process started (performance.timeOrigin), and the CPU it used: the CPU figure holds on a busy machine.
const { user, system } = process.cpuUsage()
process.stdout.write(JSON.stringify({ result: event.type, ms: performance.now(), cpuMs: (user + system) / 1000 }))
