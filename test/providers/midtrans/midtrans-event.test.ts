import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createMidtransFakeStatusApi, type MidtransFakeTransaction } from '../../../src/providers/midtrans/fake-status-api.js'
import { midtrans } from '../../../src/providers/midtrans/index.js'
import { midtransSamples } from '../../../src/providers/midtrans/samples.js'
import { midtransTestKit } from '../../../src/providers/midtrans/test-kit.js'
import { toRequest } from '../../../src/core/test-kit.js'

const serverKey = 'SB-Mid-server-SameId0Prop3rty'
const fake = createMidtransFakeStatusApi({ serverKey })
const adapter = midtrans({ serverKey, statusApi: { fetch: fake.fetch } })

function client() {
  if (!adapter.statusApi.supported) throw new Error(adapter.statusApi.reason)
  return adapter.statusApi.client
}

// order_id: letters, digits and - _ ~ . , at most 50 characters (providers.md §1.3); "." and ".."
// cannot be a URL path segment (status-client.test.ts covers them).
const orderId = fc.stringMatching(/^[A-Za-z0-9\-_~.]{1,50}$/).filter((id) => id !== '.' && id !== '..')
const grossAmount = fc.integer({ min: 1, max: 999_999_999 }).map((rupiah) => `${rupiah}.00`)
const sample = fc.constantFrom('completed', 'pending', 'expired', 'indomaret', 'capture', 'challenge', 'refunded', 'reversal') as fc.Arbitrary<
  keyof typeof midtransSamples
>

describe('midtrans: a polled status and the same status delivered by webhook are one event', () => {
  it('same id, status and time for settlement, pending and expire (407 on GET status), and the others', async () => {
    await fc.assert(
      fc.asyncProperty(orderId, grossAmount, fc.uuid(), sample, async (order_id, gross_amount, transaction_id, name) => {
        const notification = midtransSamples[name]({ order_id, gross_amount, transaction_id })
        const webhook = await adapter.parse(toRequest(await midtransTestKit.sign(notification, { secret: serverKey })))
        fake.setTransaction(notification as MidtransFakeTransaction)
        const answer = await client().fetchStatus({ reference: order_id, providerStatus: null })
        expect(answer.found).toBe(true)
        if (!answer.found) return
        const [polled] = answer.events
        expect(polled?.id).toBe(webhook.id)
        expect(polled?.status).toBe(webhook.status)
        expect(polled?.occurredAt?.getTime()).toBe(webhook.occurredAt?.getTime())
        expect(polled?.amount).toEqual(webhook.amount)
      }),
      { numRuns: 80, seed: 20260301 },
    )
  })

  it('covers the statuses the brief names, expire answered with 407', async () => {
    fake.setTransaction(midtransSamples.expired({ order_id: 'EXP-1' }) as MidtransFakeTransaction)
    const answer = await client().fetchStatus({ reference: 'EXP-1', providerStatus: null })
    expect(answer.found && (answer.events[0]?.raw as { status_code: string }).status_code).toBe('407')
  })
})

describe('midtrans: occurredAt from Jakarta times', () => {
  const adapter = midtrans({ serverKey: 'SB-Mid-server-event-times' })
  const occurredAt = async (times: { transaction_time?: string; settlement_time?: string }) =>
    (await adapter.parse(toRequest(await midtransTestKit.sign(midtransSamples.completed(times), { secret: 'SB-Mid-server-event-times' })))).occurredAt?.toISOString()

  it('rolls an out-of-range field over as Date.UTC does (the regex path), and still takes the later time', async () => {
    expect(await occurredAt({ transaction_time: '2026-02-30 10:00:00', settlement_time: '2026-02-01 10:00:00' })).toBe('2026-03-02T03:00:00.000Z')
    expect(await occurredAt({ transaction_time: '2026-03-01 10:00:00', settlement_time: '2026-03-01 10:00:01' })).toBe('2026-03-01T03:00:01.000Z')
    expect(await occurredAt({ transaction_time: '2026-03-01 10:00:00', settlement_time: 'not a time' })).toBe('2026-03-01T03:00:00.000Z')
  })
})
