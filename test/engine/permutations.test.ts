import { describe, expect, it } from 'vitest'
import type { ProviderName } from '../../src/core/event.js'
import type { Status } from '../../src/core/status.js'
import { createPayhooks } from '../../src/engine/create-payhooks.js'
import type { Transition } from '../../src/engine/types.js'
import { callbackNotifier } from '../../src/notifiers/callback-notifier.js'
import { testKits } from '../../src/providers/test-kits.js'
import { samples } from '../../src/testing/samples.js'
import type { SamplePayload } from '../../src/testing/types.js'
import { toRequest } from '../../src/testing/types.js'

const SECRET = 'permutation-secret-31c9'

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]]
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]))
}

interface Story {
  provider: ProviderName
  reference: string
  /** Four deliveries for one record; order of arrival must not matter. */
  deliveries: () => SamplePayload[]
  final: Status
}

const { azampay, clickpesa, datamart, midtrans, refract } = samples

const stories: Story[] = [
  {
    provider: 'datamart',
    reference: 'GN-AB12CD34',
    deliveries: () => [datamart.created(), datamart.processing(), datamart.completed(), datamart.refunded()],
    final: 'refunded',
  },
  {
    provider: 'midtrans',
    reference: 'ORDER-2026-0301-17',
    deliveries: () => [midtrans.pending(), midtrans.challenge(), midtrans.capture(), midtrans.refunded()],
    final: 'refunded',
  },
  {
    provider: 'azampay',
    reference: 'BOOKING-HSE-000009-1767956005',
    // A failed attempt, a second attempt that succeeds, and a redelivery of each.
    deliveries: () => {
      const failed = azampay.failed({ reference: 'a1', transid: 'a1', externalreference: 'a1' })
      const paid = azampay.completed()
      return [failed, paid, failed, paid]
    },
    final: 'completed',
  },
  {
    provider: 'clickpesa',
    reference: 'PAYOUT-2024-0902-0001',
    // A payout seen pending, processing, paid out, then refunded.
    deliveries: () => {
      const withData = (payload: SamplePayload, data: Record<string, unknown>) => ({ ...payload, data: { ...(payload.data as object), ...data } })
      const reference = { orderReference: 'PAYOUT-2024-0902-0001' }
      return [
        ...['PENDING', 'PROCESSING', 'SUCCESS'].map((status) => withData(clickpesa.payoutInitiated(), { ...reference, status })),
        withData(clickpesa.payoutRefunded(), reference),
      ]
    },
    final: 'refunded',
  },
  {
    provider: 'clickpesa',
    reference: 'ORD123456',
    // One order paid on the second attempt: the first attempt's failure must not win.
    deliveries: () => {
      const failed = clickpesa.failed()
      const failedAttempt = { ...failed, data: { ...(failed.data as object), orderReference: 'ORD123456' } }
      const paid = clickpesa.completed()
      return [failedAttempt, paid, failedAttempt, paid]
    },
    final: 'completed',
  },
  {
    provider: 'refract',
    reference: 'BBY01-807102506907',
    // The test button, then one checkout posted three ways (fields, description, content): one event.
    deliveries: () => [refract.testNotification(), refract.completed(), refract.completedDescription(), refract.completedContent()],
    final: 'completed',
  },
]

describe('every order of arrival converges on the same final status', () => {
  for (const story of stories) {
    const kit = testKits[story.provider]
    const deliveries = story.deliveries()
    describe(story.provider, () => {
      it.each(permutations(deliveries.map((_, i) => i)).map((order) => [order.join(' '), order] as const))('arrival order %s', async (_name, order) => {
        const notified: Transition[] = []
        const hooks = createPayhooks({ providers: [kit.createAdapter([SECRET])], notifiers: [callbackNotifier((t) => void notified.push(t))] })
        for (const index of order) {
          const signed = await kit.sign(deliveries[index] as SamplePayload, { secret: SECRET })
          const response = await hooks.handle(story.provider, toRequest(signed))
          expect(response.status).toBeLessThan(300)
        }
        await hooks.idle()
        expect((await hooks.record(story.provider, story.reference))?.status).toBe(story.final)
        // One notification per applied transition, each a move forward (or a declared exception).
        const applied = (await hooks.deliveries()).filter((d) => d.outcome === 'applied')
        expect(notified).toHaveLength(applied.length)
        expect(notified.at(-1)?.to).toBe(story.final)
        expect(new Set(notified.map((t) => t.id)).size).toBe(notified.length)
      })
    })
  }
})
