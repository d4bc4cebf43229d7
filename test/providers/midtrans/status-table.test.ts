import { describe, expect, it } from 'vitest'
import {
  midtrans,
  MIDTRANS_STATUS,
  MIDTRANS_STATUS_CODE_BINDING,
  MIDTRANS_STATUS_CODES,
  MIDTRANS_TRANSITION_EXCEPTIONS,
} from '../../../src/providers/midtrans/index.js'
import { midtransSamples } from '../../../src/providers/midtrans/samples.js'
import { midtransTestKit } from '../../../src/providers/midtrans/test-kit.js'
import { toRequest } from '../../../src/core/test-kit.js'

const secret = 'SB-Mid-server-7yQ2kLm9Xc4Vb1Nz'
const adapter = midtrans({ serverKey: secret })

async function parse(transactionStatus: string, fraudStatus: string | undefined, statusCode = codeFor(transactionStatus, fraudStatus)) {
  const payload = midtransSamples.capture({ transaction_status: transactionStatus, status_code: statusCode })
  if (fraudStatus === undefined) delete payload.fraud_status
  else payload.fraud_status = fraudStatus
  return adapter.parse(toRequest(await midtransTestKit.sign(payload, { secret })))
}

/**
 * A status_code Midtrans sends each status with (providers.md §1.4, docs.midtrans.com "Code 2xx"):
 * 201 pending and card challenges, 202 rejections and expiry, 200 the rest.
 */
function codeFor(transactionStatus: string, fraudStatus: string | undefined): string {
  if (transactionStatus === 'pending') return '201'
  if (['deny', 'expire', 'failure'].includes(transactionStatus)) return '202'
  if (transactionStatus === 'capture' || transactionStatus === 'authorize') {
    if (fraudStatus === 'challenge') return '201'
    if (fraudStatus === 'deny') return '202'
  }
  return '200'
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

  it('declares only completed → failed, for every deny variant (settlement reversal)', () => {
    expect(adapter.transitionExceptions).toEqual(MIDTRANS_TRANSITION_EXCEPTIONS)
    expect([...adapter.transitionExceptions]).toEqual(denyVariants.map((deny) => ({ from: 'completed', to: 'failed', toProviderStatus: deny })))
  })

  it('leaves deny → settlement to the general rule (money wins): no failed → completed exception', () => {
    expect(adapter.transitionExceptions.every((rule) => rule.from === 'completed')).toBe(true)
  })

  it('the providerStatus a reversal and a card decline parse to is one the rules name', async () => {
    for (const sample of [midtransSamples.failed(), midtransSamples.reversal()]) {
      const deny = await adapter.parse(toRequest(await midtransTestKit.sign(sample, { secret })))
      expect(adapter.transitionExceptions.find((rule) => rule.toProviderStatus === deny.providerStatus)).toMatchObject({ from: 'completed', to: deny.status })
    }
  })
})

describe('midtrans status_code binding (signature_key covers status_code, not transaction_status)', () => {
  // Written by hand from providers.md §1.4 and docs.midtrans.com "Code 2xx"/"Code 4xx" plus the official
  // card samples (3DS: capture/challenge 201, deny 202; Full PAN: authorize/challenge 201): the codes
  // Midtrans sends each status with. Statuses whose codes do not depend on the fraud verdict say 'any'.
  const bound: [string, 'any' | 'accept' | 'challenge' | 'deny' | 'absent', string[]][] = [
    ['pending', 'any', ['201']],
    ['capture', 'accept', ['200']],
    // "On some rare occasion" 201 (docs "Code 2xx"): a challenge comes as 200 or 201.
    ['capture', 'challenge', ['200', '201']],
    ['capture', 'deny', ['202']],
    ['capture', 'absent', ['200']],
    ['settlement', 'any', ['200']],
    ['deny', 'any', ['202']],
    ['cancel', 'any', ['200']],
    ['expire', 'any', ['202', '407']],
    ['failure', 'any', ['202']],
    ['refund', 'any', ['200']],
    ['partial_refund', 'any', ['200']],
    ['chargeback', 'any', ['200']],
    ['partial_chargeback', 'any', ['200']],
    ['authorize', 'accept', ['200']],
    ['authorize', 'challenge', ['200', '201']],
    ['authorize', 'deny', ['202']],
    ['authorize', 'absent', ['200']],
  ]
  const verdicts = ['accept', 'challenge', 'deny', 'absent'] as const
  const cases = bound.flatMap(([transaction, fraud, codes]) =>
    (fraud === 'any' ? verdicts : [fraud]).flatMap((verdict) =>
      ['200', '201', '202', '407'].map((code) => [transaction, verdict, code, codes.includes(code)] as const),
    ),
  )

  it('covers every documented status and verdict with all four documented codes', () => {
    expect(cases).toHaveLength(12 * 4 * 4)
  })

  it.each(cases)('%s (fraud %s) signed with %s: allowed %s', async (transaction, fraud, code, allowed) => {
    const req = toRequest(await midtransTestKit.sign(payloadWith(transaction, fraud, code), { secret }))
    const verdict = await adapter.verifySignature(req)
    if (allowed) {
      expect(verdict).toEqual({ ok: true, method: 'sha512' })
      expect((await adapter.parse(req)).kind).toBe('payment')
    } else {
      expect(verdict.ok ? undefined : verdict.error).toMatchObject({ code: 'SIGNATURE_MISMATCH', status: 401, path: 'transaction_status' })
      await expect(adapter.parse(req)).rejects.toMatchObject({ code: 'SIGNATURE_MISMATCH', status: 401 })
    }
  })

  it.each(['300', '299', '204', '500', '404', '2000', '20', 'OK'])(
    'a status_code Midtrans does not document (%s) verifies but is not applied: kind unknown',
    async (code) => {
      const req = toRequest(await midtransTestKit.sign(payloadWith('settlement', 'accept', code), { secret }))
      expect((await adapter.verifySignature(req)).ok).toBe(true)
      const event = await adapter.parse(req)
      expect(event).toMatchObject({ kind: 'unknown', type: 'unknown', providerStatus: 'settlement/accept' })
      expect(event.status).toBeUndefined()
    },
  )

  it('keeps the two tables in step: every status has codes of the same shape as its mapping', () => {
    for (const [transaction, row] of Object.entries(MIDTRANS_STATUS)) {
      const codes = MIDTRANS_STATUS_CODE_BINDING[transaction as keyof typeof MIDTRANS_STATUS_CODE_BINDING]
      if (typeof row === 'string') expect(Array.isArray(codes)).toBe(true)
      else expect(Object.keys(codes).sort()).toEqual(Object.keys(row).sort())
    }
  })

  it('documents exactly the codes 200, 201, 202 and 407', () => {
    expect([...MIDTRANS_STATUS_CODES]).toEqual(['200', '201', '202', '407'])
  })
})

function payloadWith(transaction: string, fraud: string, code: string) {
  const payload = midtransSamples.capture({ transaction_status: transaction, status_code: code })
  if (fraud === 'absent') delete payload.fraud_status
  else payload.fraud_status = fraud
  return payload
}
