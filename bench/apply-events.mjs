import { decideTransition } from '../dist/node/index.js'

/** Applies events through `store.apply` with `concurrency` in flight; returns applied count and seconds. */
export async function applyEvents(store, events, concurrency) {
  const started = process.hrtime.bigint()
  let next = 0
  let applied = 0
  async function lane() {
    while (next < events.length) {
      const event = events[next++]
      const now = new Date()
      const result = await store.apply(event, ['sms'], (current) =>
        decideTransition(current, event, { exceptions: [], onUnknownReference: 'create', now }),
      )
      if (result.outcome === 'applied') applied += 1
    }
  }
  await Promise.all(Array.from({ length: concurrency }, lane))
  return { applied, seconds: Number(process.hrtime.bigint() - started) / 1e9 }
}
