import { describe, expect, it } from 'vitest'
import { midtrans, MIDTRANS_TRANSITION_EXCEPTIONS } from '../../../src/providers/midtrans/index.js'
import { midtransSamples } from '../../../src/providers/midtrans/samples.js'
import { midtransTestKit } from '../../../src/providers/midtrans/test-kit.js'
import { toRequest } from '../../../src/testing/types.js'

const secret = 'SB-Mid-server-7yQ2kLm9Xc4Vb1Nz'
const adapter = midtrans({ serverKey: secret })

async function parse(transactionStatus: string, fraudStatus: string | undefined) {
  const payload = midtransSamples.capture({ transaction_status: transactionStatus })
  if (fraudStatus === undefined) delete payload.fraud_status
  else payload.fraud_status = fraudStatus
  return adapter.parse(toRequest(await midtransTestKit.sign(payload, { secret })))
}

// The full transaction_status × fraud_status grid (providers.md §1.4–§1.5), written out by hand.
const grid: [string, Record<'accept' | 'challenge' | 'deny' | 'absent', string>][] = [
  ['pending', { accept: 'pending', challenge: 'pending', deny: 'pending', absent: 'pending' }],
  ['capture', { accept: 'completed', challenge: 'review', deny: 'failed', absent: 'completed' }],
  ['settlement', { accept: 'completed', challenge: 'completed', deny: 'completed', absent: 'completed' }],
  ['deny', { accept: 'failed', challenge: 'failed', deny: 'failed', absent: 'failed' }],
  ['cancel', { accept: 'cancelled', challenge: 'cancelled', deny: 'cancelled', absent: 'cancelled' }],
  ['expire', { accept: 'expired', challenge: 'expired', deny: 'expired', absent: 'expired' }],
  ['failure', { accept: 'failed', challenge: 'failed', deny: 'failed', absent: 'failed' }],
  ['refund', { accept: 'refunded', challenge: 'refunded', deny: 'refunded', absent: 'refunded' }],
  ['partial_refund', { accept: 'partially_refunded', challenge: 'partially_refunded', deny: 'partially_refunded', absent: 'partially_refunded' }],
  ['chargeback', { accept: 'chargeback', challenge: 'chargeback', deny: 'chargeback', absent: 'chargeback' }],
  ['partial_chargeback', { accept: 'chargeback', challenge: 'chargeback', deny: 'chargeback', absent: 'chargeback' }],
  ['authorize', { accept: 'authorized', challenge: 'review', deny: 'failed', absent: 'authorized' }],
]
const rows = grid.flatMap(([transaction, byFraud]) =>
  Object.entries(byFraud).map(([fraud, status]) => [transaction, fraud, status] as const),
)

describe('midtrans status table', () => {
  it('covers all 12 documented statuses × 4 fraud verdicts', () => {
    expect(rows).toHaveLength(48)
  })

  it.each(rows)('%s with fraud_status %s → %s', async (transaction, fraud, status) => {
    const event = await parse(transaction, fraud === 'absent' ? undefined : fraud)
    expect(event).toMatchObject({ kind: 'payment', status, type: `payment.${status}` })
    expect(event.providerStatus).toBe(fraud === 'absent' ? transaction : `${transaction}/${fraud}`)
  })

  it('an undocumented transaction_status is kind unknown and changes nothing', async () => {
    const event = await parse('pending_reversal', 'accept')
    expect(event).toMatchObject({ kind: 'unknown', type: 'unknown', providerStatus: 'pending_reversal/accept' })
    expect(event.status).toBeUndefined()
  })

  it('a capture with an undocumented fraud verdict is not taken as paid: kind unknown', async () => {
    const event = await parse('capture', 'manual_review')
    expect(event.kind).toBe('unknown')
    expect(event.status).toBeUndefined()
  })

  it('a settlement with an undocumented fraud verdict is still settled', async () => {
    expect((await parse('settlement', 'manual_review')).status).toBe('completed')
  })
})

describe('midtrans transition exceptions', () => {
  const denyVariants = ['deny', 'deny/accept', 'deny/challenge', 'deny/deny']

  it('declares completed → failed for every deny variant (settlement reversal) and failed-by-deny → completed', () => {
    expect(adapter.transitionExceptions).toEqual(MIDTRANS_TRANSITION_EXCEPTIONS)
    expect([...adapter.transitionExceptions]).toEqual([
      ...denyVariants.map((deny) => ({ from: 'completed', to: 'failed', toProviderStatus: deny })),
      ...denyVariants.map((deny) => ({ from: 'failed', fromProviderStatus: deny, to: 'completed' })),
    ])
  })

  it('never lets a failure or a fraud-denied capture come back to completed', () => {
    const fromFailed = adapter.transitionExceptions.filter((rule) => rule.from === 'failed')
    expect(fromFailed.map((rule) => rule.fromProviderStatus)).not.toContain('failure')
    expect(fromFailed.map((rule) => rule.fromProviderStatus)).not.toContain('capture/deny')
    expect(adapter.transitionExceptions.every((rule) => rule.from !== 'cancelled' && rule.from !== 'expired')).toBe(true)
  })

  it('the providerStatus a deny notification parses to is one the rules name', async () => {
    const deny = await adapter.parse(toRequest(await midtransTestKit.sign(midtransSamples.failed(), { secret })))
    const settled = await adapter.parse(toRequest(await midtransTestKit.sign(midtransSamples.completed(), { secret })))
    const reversal = adapter.transitionExceptions.find((rule) => rule.toProviderStatus === deny.providerStatus)
    const retry = adapter.transitionExceptions.find((rule) => rule.fromProviderStatus === deny.providerStatus)
    expect(reversal).toMatchObject({ from: settled.status, to: deny.status })
    expect(retry).toMatchObject({ from: deny.status, to: settled.status })
  })
})
