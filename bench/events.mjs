// Parsed Datamart events for the store benchmarks, made before any timing starts.
import { testKits } from '../dist/node/testing.js'

const SECRET = 'bench-store-secret'
const kit = testKits.datamart
const adapter = kit.createAdapter([SECRET])

/** For each of `orders` references: processing, then completed (two transitions per order). */
export async function orderEvents(orders, prefix) {
  const events = []
  for (let i = 0; i < orders; i++) {
    for (const name of ['processing', 'completed']) {
      const payload = kit.samples[name]()
      payload.data = { ...payload.data, orderReference: `${prefix}-${i}`, transactionId: `TRX-${prefix}-${i}` }
      const signed = await kit.sign(payload, { secret: SECRET })
      events.push(await adapter.parse({ body: signed.body, headers: signed.headers }))
    }
  }
  return events
}

export { SECRET as DATAMART_BENCH_SECRET }
