import { describe, expect, it } from 'vitest'
import { datamart } from '../../../src/providers/datamart/index.js'
import { datamartSamples } from '../../../src/providers/datamart/samples.js'
import { datamartTestKit } from '../../../src/providers/datamart/test-kit.js'
import { toRequest } from '../../../src/core/test-kit.js'
import { createHmac } from 'node:crypto'

const secret = 'dm_whsec_4f1c9a7e'
const adapter = datamart({ webhookSecret: secret })
const sign = (payload: Record<string, unknown>) => datamartTestKit.sign(payload, { secret })

describe('datamart status table', () => {
  it.each([
    ['order.created', 'pending'],
    ['order.processing', 'processing'],
    ['order.completed', 'completed'],
    ['order.failed', 'failed'],
    ['order.refunded', 'refunded'],
  ] as const)('%s → %s', async (event, status) => {
    const parsed = await adapter.parse(toRequest(await sign(datamartSamples.completed({ event }))))
    expect(parsed).toMatchObject({ kind: 'order', status, type: `order.${status}`, providerStatus: event })
  })

  it.each([
    ['delivered', 'completed'],
    ['accepted', 'processing'],
    ['waiting', 'pending'],
    ['refund', 'refunded'],
  ] as const)('undocumented data.status %s → %s when the event name is not one of the five', async (raw, status) => {
    const payload = datamartSamples.completed({ event: 'order.updated' })
    ;(payload.data as Record<string, unknown>).status = raw
    const parsed = await adapter.parse(toRequest(await sign(payload)))
    expect(parsed).toMatchObject({ status, providerStatus: `order.updated/${raw}` })
  })

  it('an event and status nobody documents changes nothing: kind unknown', async () => {
    const payload = datamartSamples.completed({ event: 'order.teleported' })
    ;(payload.data as Record<string, unknown>).status = 'on'
    const parsed = await adapter.parse(toRequest(await sign(payload)))
    expect(parsed.kind).toBe('unknown')
    expect(parsed.status).toBeUndefined()
  })
})

describe('datamart normalization', () => {
  it('maps reference, order id, GHS price and time; the transaction id, network and bundle size are details', async () => {
    const event = await adapter.parse(toRequest(await sign(datamartSamples.completed())))
    expect(event).toMatchObject({
      provider: 'datamart',
      reference: 'GN-AB12CD34',
      // The order-status API returns orderId but no transaction id (§4.6), so a poll can share the id only through orderId.
      providerReference: '66a9f0c2b7e4d21a9c3f5e10',
      amount: { minor: 2350, currency: 'GHS' },
      details: { network: 'YELLO', capacity: '5', transactionId: 'TRX-20260731-8F2K1Q' },
    })
    expect(event.id).toBe('datamart|order|GN-AB12CD34|66a9f0c2b7e4d21a9c3f5e10|order.completed')
    expect(event.details).not.toHaveProperty('phone')
    expect(event.occurredAt?.toISOString()).toBe('2026-07-31T10:15:00.000Z')
  })

  it('acknowledges with 200 {"received":true} like the docs sample', () => {
    const ack = adapter.ack('applied')
    expect(ack.status).toBe(200)
    expect(JSON.parse(ack.body)).toEqual({ received: true })
  })
})

describe('datamart signature', () => {
  it('verifies the docs sample way: HMAC over JSON.stringify(parsed body) when the raw body is pretty-printed', async () => {
    const payload = datamartSamples.completed()
    const pretty = JSON.stringify(payload, null, 2)
    const signature = createHmac('sha256', secret).update(JSON.stringify(payload)).digest('hex')
    const verdict = await adapter.verifySignature({ body: pretty, headers: { 'X-DataMart-Signature': signature } })
    expect(verdict).toEqual({ ok: true, method: 'hmac-sha256-restringified' })
  })

  it('verifies the raw bytes first', async () => {
    const body = JSON.stringify(datamartSamples.completed())
    const signature = createHmac('sha256', secret).update(body).digest('hex')
    const verdict = await adapter.verifySignature({ body: Buffer.from(body), headers: { 'x-datamart-signature': signature } })
    expect(verdict).toEqual({ ok: true, method: 'hmac-sha256' })
  })

  it('tells the user to check the raw body and the secret on mismatch', async () => {
    const signed = await datamartTestKit.sign(datamartSamples.completed(), { secret: 'another' })
    const verdict = await adapter.verifySignature(toRequest(signed))
    expect(verdict.ok).toBe(false)
    if (!verdict.ok) expect(verdict.error.hint).toMatch(/raw body/)
  })
})

describe('datamart quirks (providers.md §4.7)', () => {
  it('refuses the order-status API shape posted as a webhook, naming the missing webhook field', async () => {
    // §4.6/§4.7.1: the status API says phoneNumber/orderStatus/reference where the webhook says phone/status/orderReference.
    const apiResponse = {
      event: 'order.completed',
      data: { orderId: '66a9f0c2b7e4d21a9c3f5e10', reference: 'GN-AB12CD34', phoneNumber: '0551234567', network: 'YELLO', capacity: 5, price: 23.5, orderStatus: 'completed' },
    }
    await expect(adapter.parse(toRequest(await sign(apiResponse)))).rejects.toMatchObject({ code: 'PAYLOAD_INVALID', path: 'data.orderReference' })
  })

  it('does not accept an unsigned "test webhook": nothing in DataMart\'s docs says one is sent unsigned (§4.7.3)', async () => {
    const signed = await sign(datamartSamples.created())
    const verdict = await adapter.verifySignature({ body: signed.body, headers: { 'content-type': 'application/json', 'x-datamart-event': 'order.created' } })
    expect(verdict.ok).toBe(false)
    if (!verdict.ok) expect(verdict.error).toMatchObject({ code: 'SIGNATURE_MISSING', status: 401 })
  })

  it('reads both amounts DataMart sends: a number and a decimal string', async () => {
    const payload = datamartSamples.completed()
    ;(payload.data as Record<string, unknown>).price = '4.50'
    expect((await adapter.parse(toRequest(await sign(payload)))).amount).toEqual({ minor: 450, currency: 'GHS' })
  })
})

describe('datamart signature prefix', () => {
  it.each([
    ['sha256=', (hex: string) => `sha256=${hex}`],
    ['SHA256= in upper case', (hex: string) => `SHA256=${hex.toUpperCase()}`],
    ['none, with spaces around', (hex: string) => `  ${hex} `],
  ])('accepts the hex digest with prefix %s', async (_label, format) => {
    const signed = await sign(datamartSamples.completed())
    const hex = createHmac('sha256', secret).update(signed.body).digest('hex')
    const verdict = await adapter.verifySignature(toRequest({ ...signed, headers: { ...signed.headers, 'x-datamart-signature': format(hex) } }))
    expect(verdict).toEqual({ ok: true, method: 'hmac-sha256' })
  })

  it('refuses a digest behind any other prefix', async () => {
    const signed = await sign(datamartSamples.completed())
    const hex = createHmac('sha256', secret).update(signed.body).digest('hex')
    const verdict = await adapter.verifySignature(toRequest({ ...signed, headers: { ...signed.headers, 'x-datamart-signature': `sha1=${hex}` } }))
    expect(verdict.ok).toBe(false)
  })
})
