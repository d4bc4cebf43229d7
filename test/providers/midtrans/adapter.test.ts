import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { midtrans } from '../../../src/providers/midtrans/index.js'
import { midtransSamples } from '../../../src/providers/midtrans/samples.js'
import { midtransTestKit } from '../../../src/providers/midtrans/test-kit.js'
import { toRequest } from '../../../src/core/test-kit.js'

const secret = 'SB-Mid-server-7yQ2kLm9Xc4Vb1Nz'
const adapter = midtrans({ serverKey: secret })
const signed = (payload: Record<string, unknown>) => midtransTestKit.sign(payload, { secret })
const parse = async (payload: Record<string, unknown>) => adapter.parse(toRequest(await signed(payload)))

/** A body signed independently of the test kit, the way Midtrans does (providers.md §1.2). */
function midtransBody(payload: Record<string, unknown>): string {
  const { order_id, status_code, gross_amount } = payload as Record<string, string>
  const signature_key = createHash('sha512').update(`${order_id}${status_code}${gross_amount}${secret}`).digest('hex')
  return JSON.stringify({ ...payload, signature_key })
}

describe('midtrans normalization', () => {
  it('maps order_id, transaction_id, amount in minor units and the settlement time', async () => {
    const event = await parse(midtransSamples.completed())
    expect(event).toMatchObject({
      provider: 'midtrans',
      kind: 'payment',
      type: 'payment.completed',
      status: 'completed',
      reference: 'ORDER-2026-0301-17',
      providerReference: '5b3d8e1a-7c42-4f6e-9a0b-2d6c1e8f4a37',
      amount: { minor: 1000000, currency: 'IDR' },
      providerStatus: 'settlement/accept',
    })
    expect(event.occurredAt?.toISOString()).toBe('2026-03-01T00:45:12.000Z')
  })

  it('converts "YYYY-MM-DD HH:MM:SS" from GMT+7 (no offset in the string), across midnight too', async () => {
    const pending = await parse(midtransSamples.pending({ transaction_time: '2026-03-01 07:30:00' }))
    expect(pending.occurredAt?.toISOString()).toBe('2026-03-01T00:30:00.000Z')
    const early = await parse(midtransSamples.pending({ transaction_time: '2026-01-01 03:15:09' }))
    expect(early.occurredAt?.toISOString()).toBe('2025-12-31T20:15:09.000Z')
  })

  it('takes the latest provider time: settlement_time when present, whatever the status', async () => {
    // A refund or a reversal happens after the settlement: its time is not the earlier transaction_time.
    const refund = await parse(midtransSamples.refunded({ settlement_time: '2026-03-01 09:00:00', transaction_time: '2026-03-01 08:00:00' }))
    expect(refund.occurredAt?.toISOString()).toBe('2026-03-01T02:00:00.000Z')
    const reversal = await parse(midtransSamples.reversal())
    expect(reversal.occurredAt?.toISOString()).toBe('2026-03-01T01:02:40.000Z')
    const unsettled = await parse(midtransSamples.completed({ settlement_time: undefined }))
    expect(unsettled.occurredAt?.toISOString()).toBe('2026-03-01T00:30:00.000Z')
  })

  it('never goes back in time: a settlement_time earlier than transaction_time, or unreadable, gives way', async () => {
    const skewed = await parse(midtransSamples.completed({ settlement_time: '2026-03-01 07:00:00', transaction_time: '2026-03-01 07:30:00' }))
    expect(skewed.occurredAt?.toISOString()).toBe('2026-03-01T00:30:00.000Z')
    const unreadable = await parse(midtransSamples.completed({ settlement_time: 'soon' }))
    expect(unreadable.occurredAt?.toISOString()).toBe('2026-03-01T00:30:00.000Z')
  })

  it('leaves occurredAt out for a time in another format rather than guess', async () => {
    const event = await parse(midtransSamples.pending({ transaction_time: '01/03/2026 07:30' }))
    expect(event.occurredAt).toBeUndefined()
  })

  it('reads the currency, defaulting to IDR when absent', async () => {
    expect((await parse(midtransSamples.capture({ currency: undefined }))).amount).toEqual({ minor: 1000000, currency: 'IDR' })
    expect((await parse(midtransSamples.capture({ gross_amount: '12.50', currency: 'USD' }))).amount).toEqual({ minor: 1250, currency: 'USD' })
  })

  it('gives redeliveries one id and a new fraud verdict or status another', async () => {
    const first = await parse(midtransSamples.challenge())
    const again = await parse(midtransSamples.challenge())
    const accepted = await parse(midtransSamples.capture())
    expect(again.id).toBe(first.id)
    expect(accepted.id).not.toBe(first.id)
  })

  it('acknowledges with 200 {"received":true} and marks signature_key as sensitive', () => {
    const ack = adapter.ack('applied')
    expect(ack.status).toBe(200)
    expect(ack.headers['content-type']).toBe('application/json')
    expect(JSON.parse(ack.body)).toEqual({ received: true })
    expect(adapter.ack('unknown').status).toBe(200)
    expect(adapter.sensitive).toEqual({ bodyFields: ['signature_key'], headers: [], queryParams: [], pathToken: false })
  })

  it('names the failing path when a required field is missing or not a string', async () => {
    const { order_id: _dropped, ...withoutOrder } = midtransSamples.completed()
    await expect(parse(withoutOrder)).rejects.toMatchObject({ code: 'PAYLOAD_INVALID', path: 'order_id', status: 400 })
    await expect(parse(midtransSamples.completed({ transaction_status: undefined }))).rejects.toMatchObject({ path: 'transaction_status' })
    await expect(parse(midtransSamples.completed({ status_code: 200 }))).rejects.toMatchObject({ path: 'status_code' })
  })

  it('refuses a parsed object and invalid JSON', async () => {
    const body = midtransSamples.completed() as unknown as string
    await expect(adapter.parse({ body, headers: {} })).rejects.toMatchObject({ code: 'PAYLOAD_NOT_RAW' })
    await expect(adapter.parse({ body: '{"order_id":"A-1"', headers: {} })).rejects.toMatchObject({ code: 'PAYLOAD_INVALID_JSON' })
  })
})

describe('midtrans gotchas (providers.md §1.8)', () => {
  it('1: verifies and parses an independently signed body with status_code "202" (expire)', async () => {
    const req = { body: midtransBody(midtransSamples.expired()), headers: { 'content-type': 'application/json' } }
    expect((await adapter.verifySignature(req)).ok).toBe(true)
    expect(await adapter.parse(req)).toMatchObject({ status: 'expired', providerStatus: 'expire/accept' })
  })

  it('1: keeps the signed strings verbatim in raw (gross_amount keeps its decimals)', async () => {
    const event = await parse(midtransSamples.completed({ gross_amount: '10000.00' }))
    expect(event.raw.gross_amount).toBe('10000.00')
    expect(event.raw.status_code).toBe('200')
  })

  it('tolerates and keeps fields it does not know (metadata, va_numbers, method-specific ones)', async () => {
    const req = {
      body: midtransBody(midtransSamples.completed({ metadata: { campaign: 'ramadan' }, issuer: 'gopay', new_field_2027: [1] })),
      headers: {},
    }
    expect((await adapter.verifySignature(req)).ok).toBe(true)
    const event = await adapter.parse(req)
    expect(event.raw.metadata).toEqual({ campaign: 'ramadan' })
    expect(event.raw.va_numbers).toEqual([{ bank: 'bca', va_number: '12345678901' }])
    expect(event.raw.new_field_2027).toEqual([1])
    expect(event.amount).toEqual({ minor: 1000000, currency: 'IDR' })
  })

  it('3: the dashboard test notification (a transaction_id that does not exist) is parsed like any other', async () => {
    const req = {
      body: midtransBody(midtransSamples.capture({ transaction_id: '00000000-0000-0000-0000-000000000000', order_id: 'sample-order-123' })),
      headers: {},
    }
    expect((await adapter.verifySignature(req)).ok).toBe(true)
    expect(await adapter.parse(req)).toMatchObject({
      kind: 'payment',
      status: 'completed',
      reference: 'sample-order-123',
      providerReference: '00000000-0000-0000-0000-000000000000',
    })
  })

  it('5: with Automatic Fee Imposition the amount is the order total, while the fee-inclusive gross_amount is signed', async () => {
    // Shape reported in Midtrans/midtrans-php#118 (providers.md §1.3, §1.8.5).
    const payload = midtransSamples.completed({
      gross_amount: '10071.00',
      metadata: { extra_info: { gross_amount_info: { original_amount: '10000', gross_amount: '10071', customer_imposed_payment_fee: '71' } } },
    })
    const req = { body: midtransBody(payload), headers: {} }
    expect((await adapter.verifySignature(req)).ok).toBe(true)
    const event = await adapter.parse(req)
    expect(event.amount).toEqual({ minor: 1000000, currency: 'IDR' })
    expect(event.raw.gross_amount).toBe('10071.00')
  })

  it('5: a metadata object without gross_amount_info leaves gross_amount as the amount', async () => {
    const event = await parse(midtransSamples.completed({ gross_amount: '25000.00', metadata: { extra_info: null } }))
    expect(event.amount).toEqual({ minor: 2500000, currency: 'IDR' })
  })

  it('settlement → deny (channel reversal, §1.4) normalizes to failed and is a declared exception', async () => {
    const settled = await parse(midtransSamples.indomaret())
    const reversed = await parse(midtransSamples.indomaret({ transaction_status: 'deny', status_code: '202' }))
    expect(settled).toMatchObject({ status: 'completed', providerStatus: 'settlement' })
    expect(reversed).toMatchObject({ status: 'failed', providerStatus: 'deny' })
    expect(reversed.id).not.toBe(settled.id)
    expect(adapter.transitionExceptions).toContainEqual({ from: 'completed', to: 'failed', toProviderStatus: 'deny' })
  })

  it('a low-risk method without fraud_status (Indomaret) settles at its settlement_time', async () => {
    const event = await parse(midtransSamples.indomaret())
    expect(event.raw.fraud_status).toBeUndefined()
    expect(event.occurredAt?.toISOString()).toBe('2026-03-01T01:02:40.000Z')
  })
})
