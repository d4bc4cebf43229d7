import { describe, expect, it } from 'vitest'
import { createPayhooks } from '../../../src/create-payhooks.js'
import { midtransSamples } from '../../../src/providers/midtrans/samples.js'
import { midtransTestKit } from '../../../src/providers/midtrans/test-kit.js'
import { memoryStore } from '../../../src/stores/memory-store.js'
import { toRequest, type SamplePayload } from '../../../src/testing/types.js'

const secret = 'SB-Mid-server-Rv5Xc8Bn1Mq3Zt7Y'

/** Delivers the payloads in order through the real engine and returns the record's final status. */
async function deliver(payloads: SamplePayload[], reference: string) {
  const hooks = createPayhooks({ providers: [midtransTestKit.createAdapter([secret])], store: memoryStore() })
  for (const payload of payloads) {
    const response = await hooks.handle('midtrans', toRequest(await midtransTestKit.sign(payload, { secret })))
    expect(response.status).toBe(200)
  }
  const record = await hooks.record('midtrans', reference)
  await hooks.close()
  return record
}

// providers.md §1.4 "Reversal": an Indomaret (or Permata VA, Mandiri Bill) settlement can turn into
// deny 1–5 minutes later, and the order must then be treated as unpaid. The deny carries the
// settlement's settlement_time (samples.ts `reversal`).
describe('midtrans reversal: settlement then deny converge on failed in every order of arrival', () => {
  const settlement = midtransSamples.indomaret
  const reversal = midtransSamples.reversal

  it('the reversal is a deny with code 202 that still carries the settlement time', () => {
    expect(reversal()).toMatchObject({ transaction_status: 'deny', status_code: '202', settlement_time: settlement().settlement_time })
  })

  it.each([
    ['settlement, then reversal', [settlement(), reversal()]],
    ['reversal, then settlement', [reversal(), settlement()]],
    ['settlement, reversal, settlement redelivered', [settlement(), reversal(), settlement()]],
  ])('%s → failed', async (_order, payloads) => {
    const record = await deliver(payloads, 'ORDER-2026-0301-17')
    expect(record).toMatchObject({ status: 'failed', providerStatus: 'deny' })
    // Ordered by the provider's clock: the settlement time, 08:02:40 Jakarta time.
    expect(record?.statusAt?.toISOString()).toBe('2026-03-01T01:02:40.000Z')
  })
})

describe('midtrans: a card declined before the payment does not undo a later settlement', () => {
  // The card sample is declined (deny/accept, 202, no settlement_time) at 07:30; the order is then paid
  // by VA and settled at 07:45:12 (Jakarta time). Money wins, whatever arrives first.
  const declined = midtransSamples.failed
  const settled = midtransSamples.completed

  it('the decline carries no settlement_time', () => {
    expect(declined().settlement_time).toBeUndefined()
  })

  it.each([
    ['decline, then settlement', [declined(), settled()]],
    ['settlement, then decline', [settled(), declined()]],
    ['decline, settlement, decline redelivered', [declined(), settled(), declined()]],
  ])('%s → completed', async (_order, payloads) => {
    const record = await deliver(payloads, 'ORDER-2026-0301-17')
    expect(record).toMatchObject({ status: 'completed', providerStatus: 'settlement/accept' })
  })
})
