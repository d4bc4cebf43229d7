// One cold process, the floor: node:crypto HMAC + timingSafeEqual + JSON.parse of the same delivery.
import { createHmac, timingSafeEqual } from 'node:crypto'

const [secret, body, signature] = process.argv.slice(2)
const expected = createHmac('sha256', secret).update(body).digest('hex')
if (!timingSafeEqual(Buffer.from(expected), Buffer.from(signature))) throw new Error('signature mismatch')
const payload = JSON.parse(body)
// Since the process started (performance.timeOrigin), and the CPU it used: the CPU figure holds on a busy machine.
const { user, system } = process.cpuUsage()
process.stdout.write(JSON.stringify({ result: `order.${payload.data.status}`, ms: performance.now(), cpuMs: (user + system) / 1000 }))
