import { describe, expect, it } from 'vitest'
import { clickpesa } from '../../../src/providers/clickpesa/index.js'
import { clickpesaSamples } from '../../../src/providers/clickpesa/samples.js'
import { clickpesaTestKit } from '../../../src/providers/clickpesa/test-kit.js'
import { toRequest } from '../../../src/core/test-kit.js'
import type { WebhookError } from '../../../src/core/webhook-error.js'

type Json = Record<string, unknown>

const key = 'cpk_live_8e1d0a5f77'
const adapter = clickpesa({ checksumKey: key })
const parse = (payload: Json) => adapter.parse({ body: JSON.stringify(payload), headers: {} })
const withData = (payload: Json, data: Json): Json => ({ ...payload, data: { ...(payload.data as Json), ...data } })

async function parseError(payload: unknown): Promise<WebhookError> {
  try {
    await adapter.parse({ body: JSON.stringify(payload), headers: {} })
  } catch (error) {
    return error as WebhookError
  }
  throw new Error('expected parse to throw')
}

describe('clickpesa normalization of the documented samples (providers.md §3.2)', () => {
  it('current PAYMENT RECEIVED: collectedAmount "10000" TZS, id, orderReference, updatedAt', async () => {
    const event = await parse(clickpesaSamples.completed())
    expect(event).toMatchObject({
      provider: 'clickpesa',
      kind: 'payment',
      type: 'payment.completed',
      status: 'completed',
      reference: 'ORD123456',
      providerReference: 'ORD123456LCP7890',
      amount: { minor: 1000000, currency: 'TZS' },
      providerStatus: 'PAYMENT RECEIVED/SUCCESS',
    })
    expect(event.occurredAt?.toISOString()).toBe('2026-02-03T09:41:27.512Z')
  })

  it('Nov 2025 production PAYMENT RECEIVED: collectedAmount "500.00" → 50000 minor', async () => {
    const event = await parse(clickpesaSamples.productionPaymentReceived())
    expect(event).toMatchObject({ status: 'completed', providerReference: 'LCPCHL8YV1S', amount: { minor: 50000, currency: 'TZS' } })
  })

  it('March 2025 PAYMENT RECEIVED: paymentId and amount/currency instead of id and collected*', async () => {
    const event = await parse(clickpesaSamples.march2025PaymentReceived())
    expect(event).toMatchObject({
      status: 'completed',
      reference: 'ORD987654',
      providerReference: 'PAY123456',
      amount: { minor: 1000000, currency: 'TZS' },
    })
    expect(event.occurredAt?.toISOString()).toBe('2024-04-10T18:22:56.153Z')
  })

  it('PAYMENT FAILED under eventType: failed, no amount', async () => {
    const event = await parse(clickpesaSamples.failed())
    expect(event).toMatchObject({
      kind: 'payment',
      status: 'failed',
      reference: '0969231256',
      providerReference: '0969231256LCP2C95',
      providerStatus: 'PAYMENT FAILED/FAILED',
    })
    expect(event.amount).toBeUndefined()
  })

  it.each([
    ['payoutInitiated', 'completed', 'PAYOUT INITIATED/SUCCESS'],
    ['payoutRefunded', 'refunded', 'PAYOUT REFUNDED/REFUNDED'],
    ['payoutReversed', 'reversed', 'PAYOUT REVERSED/REVERSED'],
  ] as const)('%s: payout.%s, amount "20000.00" (the fee is not part of it)', async (sample, status, providerStatus) => {
    const event = await parse(clickpesaSamples[sample]())
    expect(event).toMatchObject({
      kind: 'payout',
      status,
      type: `payout.${status}`,
      reference: 'order_123456',
      providerReference: 'PAY17072CD',
      amount: { minor: 2000000, currency: 'TZS' },
      providerStatus,
    })
    expect(event.occurredAt?.toISOString()).toBe('2024-09-02T10:15:30.000Z')
  })

  it('keeps refund and reverse details in raw', async () => {
    const refunded = await parse(clickpesaSamples.payoutRefunded())
    expect(refunded.raw.data.refund?.refundedAt).toBe('2024-09-02T09:30:00.000Z')
    const reversed = await parse(clickpesaSamples.payoutReversed())
    expect(reversed.raw.data.reverse?.reversedWithFee).toBe(true)
  })
})

describe('clickpesa quirks (providers.md §3.6)', () => {
  it.each([
    ['10000', 'TZS', 1000000],
    ['500.00', 'TZS', 50000],
    ['20000.00', 'TZS', 2000000],
    ['0', 'TZS', 0],
    ['25.5', 'USD', 2550],
  ])('amount %s %s → %i minor units, under collectedAmount or amount (§3.6.2)', async (amount, currency, minor) => {
    const collected = await parse(withData(clickpesaSamples.completed(), { collectedAmount: amount, collectedCurrency: currency }))
    expect(collected.amount).toEqual({ minor, currency })
    const plain = await parse(withData(clickpesaSamples.payoutInitiated(), { amount, currency }))
    expect(plain.amount).toEqual({ minor, currency })
  })

  it('accepts collectedAmount as an integer, as the payment query API sends it (§3.6.2)', async () => {
    const event = await parse(withData(clickpesaSamples.completed(), { collectedAmount: 10000 }))
    expect(event.amount).toEqual({ minor: 1000000, currency: 'TZS' })
  })

  it('defaults the currency to TZS and prefers collectedAmount when both names appear', async () => {
    const { collectedCurrency: _currency, ...data } = clickpesaSamples.completed().data as Json
    expect((await parse({ event: 'PAYMENT RECEIVED', data })).amount).toEqual({ minor: 1000000, currency: 'TZS' })
    const both = await parse(withData(clickpesaSamples.completed(), { amount: '1.00' }))
    expect(both.amount?.minor).toBe(1000000)
  })

  it('leaves the amount out rather than guess when it is not a plain decimal', async () => {
    expect((await parse(withData(clickpesaSamples.completed(), { collectedAmount: '10,000' }))).amount).toBeUndefined()
    expect((await parse(withData(clickpesaSamples.completed(), { collectedAmount: '10.005' }))).amount).toBeUndefined()
  })

  it('accepts settlementType and the older transferType for payouts (§3.6.3)', async () => {
    const { settlementType: _type, ...data } = clickpesaSamples.payoutInitiated().data as Json
    const event = await parse({ event: 'PAYOUT INITIATED', data: { ...data, transferType: 'RTGS' } })
    expect(event.raw.data.transferType).toBe('RTGS')
    expect(event.raw.data.settlementType).toBeUndefined()
    expect((await parse(clickpesaSamples.payoutInitiated())).raw.data.settlementType).toBe('ACH')
  })

  it('gives each attempt under one orderReference its own event id (§3.6.6)', async () => {
    const first = await parse(clickpesaSamples.completed())
    const second = await parse(withData(clickpesaSamples.completed(), { id: 'ORD123456LCP7891' }))
    expect(second.reference).toBe(first.reference)
    expect(second.id).not.toBe(first.id)
  })

  it('gives an identical redelivery the same id, and SETTLED after SUCCESS another', async () => {
    const first = await parse(clickpesaSamples.completed())
    expect((await parse(clickpesaSamples.completed())).id).toBe(first.id)
    expect((await parse(withData(clickpesaSamples.completed(), { status: 'SETTLED' }))).id).not.toBe(first.id)
  })

  it('uses createdAt when updatedAt is absent, and leaves out a time it cannot read', async () => {
    const { updatedAt: _updated, ...data } = clickpesaSamples.failed().data as Json
    expect((await parse({ eventType: 'PAYMENT FAILED', data })).occurredAt?.toISOString()).toBe('2024-04-11T04:58:31.036Z')
    expect((await parse(withData(clickpesaSamples.failed(), { updatedAt: 'yesterday' }))).occurredAt).toBeUndefined()
  })

  it('tolerates null in optional fields and unknown fields at every level', async () => {
    const payload = withData(clickpesaSamples.completed(), {
      paymentReference: null,
      customer: null,
      notes: null,
      clientId: 'ID1234XHYAJK',
    })
    const event = await parse({ ...payload, checksumMethod: 'canonical', deliveredBy: 'clickpesa-v3' })
    expect(event.status).toBe('completed')
    expect(event.raw).toMatchObject({ deliveredBy: 'clickpesa-v3', data: { clientId: 'ID1234XHYAJK' } })
  })
})

describe('clickpesa schema failures', () => {
  it('names data.orderReference when it is missing', async () => {
    const { orderReference: _reference, ...data } = clickpesaSamples.completed().data as Json
    expect(await parseError({ event: 'PAYMENT RECEIVED', data })).toMatchObject({
      code: 'PAYLOAD_INVALID',
      path: 'data.orderReference',
      status: 400,
    })
  })

  it('names event when neither event nor eventType is there, or the name is empty', async () => {
    const { data } = clickpesaSamples.completed()
    const missing = await parseError({ data })
    expect(missing).toMatchObject({ code: 'PAYLOAD_INVALID', path: 'event' })
    expect(missing.message).toMatch(/eventType/)
    expect(await parseError({ event: '', data })).toMatchObject({ code: 'PAYLOAD_INVALID', path: 'event' })
  })

  it('names data when the envelope has no data, and a field whose type is wrong', async () => {
    expect(await parseError({ event: 'PAYMENT RECEIVED' })).toMatchObject({ path: 'data' })
    expect(await parseError(withData(clickpesaSamples.completed(), { collectedAmount: true }))).toMatchObject({
      path: 'data.collectedAmount',
    })
  })
})

describe('clickpesa adapter options and answers', () => {
  it('refuses to be created without a checksum key (no unverified mode)', () => {
    expect(() => clickpesa({} as never)).toThrow(expect.objectContaining({ code: 'SECRET_MISSING' }))
    expect(() => clickpesa({ checksumKey: [] })).toThrow(expect.objectContaining({ code: 'SECRET_MISSING' }))
    expect(() => clickpesa(undefined as never)).toThrow(expect.objectContaining({ code: 'SECRET_MISSING' }))
    expect(() => clickpesa({ checksumKey: `${key}\n` })).toThrow(expect.objectContaining({ code: 'SECRET_INVALID' }))
  })

  it('refuses an unknown checksumMethod with a TypeError that does not echo the value', () => {
    const create = () => clickpesa({ checksumKey: key, checksumMethod: 'cpk_misplaced_secret' as never })
    expect(create).toThrow(TypeError)
    expect(create).toThrow(/'canonical', 'legacy' or 'auto'/)
    expect(create).not.toThrow(/cpk_misplaced_secret/)
  })

  it('defaults to the canonical method: a legacy-signed webhook is refused unless legacy or auto is chosen', async () => {
    const signed = toRequest(await clickpesaTestKit.sign(clickpesaSamples.completed(), { secret: key, checksumMethod: 'legacy' }))
    expect((await adapter.verifySignature(signed)).ok).toBe(false)
    expect((await clickpesa({ checksumKey: key, checksumMethod: 'auto' }).verifySignature(signed)).ok).toBe(true)
  })

  it('acknowledges with 200 JSON', () => {
    const ack = adapter.ack('applied')
    expect(ack.status).toBe(200)
    expect(ack.headers['content-type']).toBe('application/json')
    expect(JSON.parse(ack.body)).toEqual({ received: true })
  })

  it('tells the delivery log to redact the body checksum and both checksum headers', () => {
    expect(adapter.sensitive).toEqual({
      bodyFields: ['checksum'],
      headers: ['x-clickpesa-checksum', 'x-clickpesa-signature'],
      queryParams: [],
      pathToken: false,
    })
    // A later successful attempt completing a failed one (§3.6.6) is the engine's money-wins rule
    // (design.md §5), so ClickPesa declares no exception of its own.
    expect(adapter.transitionExceptions).toEqual([])
  })

  it('parses without verifying, and a signed delivery verifies and parses from one body', async () => {
    const req = toRequest(await clickpesaTestKit.sign(clickpesaSamples.payoutInitiated(), { secret: key }))
    expect(await adapter.verifySignature(req)).toEqual({ ok: true, method: 'canonical' })
    expect((await adapter.parse(req)).status).toBe('completed')
    expect((await clickpesa({ checksumKey: 'another-key' }).parse(req)).status).toBe('completed')
  })
})
