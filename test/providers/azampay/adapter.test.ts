import { describe, expect, it } from 'vitest'
import { azampay, azampayPayloadSchema } from '../../../src/providers/azampay/index.js'
import { azampaySamples } from '../../../src/providers/azampay/samples.js'
import { azampayTestKit } from '../../../src/providers/azampay/test-kit.js'

const token = 'cb_tok_9f2d71a4'
const adapter = azampay({ callbackToken: token })
// parse does not verify, so no token is needed; any JSON value can be posted.
const parse = (payload: unknown) => adapter.parse({ body: JSON.stringify(payload), headers: {} })

// The observed sandbox callback of Jan 2026, written out from providers.md §2.2–§2.3 (not the sample builder).
const observedBody =
  '{"message":"success","user":null,"password":null,"clientId":null,"transactionstatus":"success","operator":"Mpesa",' +
  '"reference":"5aae72e0e5974f0e8319394167d7708f","externalreference":"5aae72e0e5974f0e8319394167d7708f",' +
  '"utilityref":"BOOKING-HSE-000009-1767956005","amount":"60000","transid":"5aae72e0e5974f0e8319394167d7708f",' +
  '"msisdn":"255758285812","mnoreference":"a068932f-09a8-4ff4-82c0-6efa13def8d5","submerchantAcc":null,"additionalProperties":{}}'

describe('azampay normalization: the observed sandbox callback (newer shape, nulls)', () => {
  it('matches the observed Content-Length of 449 bytes, so the sample is the real field set', () => {
    expect(new TextEncoder().encode(observedBody).length).toBe(449)
    expect(JSON.parse(observedBody)).toEqual(azampaySamples.completed())
  })

  it('parses into payment.completed with utilityref as the reference', async () => {
    const event = await adapter.parse({
      body: observedBody,
      headers: { 'Content-Type': 'application/json; charset=utf-8', Traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' },
      url: `/webhooks/azampay?token=${token}`,
    })
    expect(event).toMatchObject({
      provider: 'azampay',
      kind: 'payment',
      type: 'payment.completed',
      status: 'completed',
      reference: 'BOOKING-HSE-000009-1767956005',
      providerReference: '5aae72e0e5974f0e8319394167d7708f',
      amount: { minor: 6000000, currency: 'TZS' },
      providerStatus: 'success',
      details: { operator: 'Mpesa', msisdn: '255758285812' },
    })
    expect(event.occurredAt).toBeUndefined()
    expect(event.raw).toMatchObject({ user: null, password: null, clientId: null, submerchantAcc: null, additionalProperties: {} })
  })

  it('gives identical redeliveries one id, and the failure of the same payment another', async () => {
    const first = await parse(azampaySamples.completed())
    const again = await parse(azampaySamples.completed())
    const failed = await parse(azampaySamples.failed())
    expect(again.id).toBe(first.id)
    expect(failed.id).not.toBe(first.id)
    expect(failed).toMatchObject({ type: 'payment.failed', reference: first.reference })
  })
})

describe('azampay normalization: the older shape of the official samples', () => {
  it('parses without user/password/clientId/externalreference/transid/mnoreference', async () => {
    const payload = azampaySamples.legacyCompleted()
    for (const absent of ['user', 'password', 'clientId', 'externalreference', 'transid', 'mnoreference']) {
      expect(payload).not.toHaveProperty(absent)
    }
    const event = await parse(payload)
    expect(event).toMatchObject({
      type: 'payment.completed',
      reference: 'WC-ORDER-1042',
      providerReference: '0c8e2b4d9f1a4e6b8a3c5d7e9f1b2c4d',
      amount: { minor: 200000, currency: 'TZS' },
      details: { operator: 'Airtel', msisdn: '255712345678' },
    })
    expect(event.raw.additionalProperties).toEqual({ customerId: '318', orderId: '1042', total: '2000' })
  })

  it("keeps the dart SDK's optional fspReferenceId", async () => {
    const event = await parse(azampaySamples.legacyCompleted({ fspReferenceId: 'FSP-88213' }))
    expect(event.raw.fspReferenceId).toBe('FSP-88213')
  })

  it('accepts a null additionalProperties and submerchantAcc', async () => {
    const event = await parse(azampaySamples.legacyFailed({ additionalProperties: null, submerchantAcc: null }))
    expect(event.status).toBe('failed')
    expect(event.raw.additionalProperties).toBeNull()
  })
})

describe('azampay gotchas (providers.md §2.8)', () => {
  it('§2.8.2: the reference is utilityref (your externalId), not transid; transid stays in raw', async () => {
    const event = await parse(azampaySamples.completed({ transid: 'T-DIFFERENT-1', utilityref: 'ORDER-77' }))
    expect(event.reference).toBe('ORDER-77')
    expect(event.providerReference).toBe('5aae72e0e5974f0e8319394167d7708f')
    expect(event.raw.transid).toBe('T-DIFFERENT-1')
  })

  it.each([
    ['"60000"', '60000', 6000000],
    ['a number', 60000, 6000000],
    ['decimals', '60000.00', 6000000],
    ['cents', '1500.5', 150050],
  ])('§2.8.3: amount as %s → TZS minor units', async (_, amount, minor) => {
    expect((await parse(azampaySamples.completed({ amount }))).amount).toEqual({ minor, currency: 'TZS' })
  })

  it.each(['60,000', '', 'TZS 60000', '1.005'])('§2.8.3: an amount that is not a plain decimal (%j) is left out, not guessed', async (amount) => {
    const event = await parse(azampaySamples.completed({ amount }))
    expect(event.amount).toBeUndefined()
    expect(event.status).toBe('completed')
  })

  it.each([
    ['Mpesa', 'Mpesa'],
    ['MPesa', 'Mpesa'],
    ['MPESA', 'Mpesa'],
    ['airtel', 'Airtel'],
    ['TIGO', 'Tigo'],
    ['HaloPesa', 'Halopesa'],
    ['AzamPesa', 'Azampesa'],
    ['Mixx by Yas', 'Mixx by Yas'],
  ])('§2.8.4: operator %s is shown as %s, and kept as sent in raw', async (sent, shown) => {
    const event = await parse(azampaySamples.completed({ operator: sent }))
    expect(event.details?.operator).toBe(shown)
    expect(event.raw.operator).toBe(sent)
  })

  it('§2.8.1 / §2.4: failure and failed both fail (see status-table.test.ts for every case)', async () => {
    expect((await parse(azampaySamples.completed({ transactionstatus: 'failure' }))).status).toBe('failed')
    expect((await parse(azampaySamples.completed({ transactionstatus: 'failed' }))).status).toBe('failed')
  })

  it('leaves details out when neither operator nor msisdn is sent', async () => {
    const event = await parse(azampaySamples.legacyCompleted({ operator: null, msisdn: undefined }))
    expect(event).not.toHaveProperty('details')
  })
})

describe('azampay schema', () => {
  it.each(['utilityref', 'transactionstatus', 'reference', 'amount'])('a payload without %s is PAYLOAD_INVALID naming it', async (field) => {
    const payload = { ...azampaySamples.completed(), [field]: undefined }
    await expect(parse(payload)).rejects.toMatchObject({ code: 'PAYLOAD_INVALID', status: 400, path: field })
  })

  it.each([
    ['utilityref', ''],
    ['transactionstatus', ''],
    ['amount', true],
    ['additionalProperties', 'customerId=318'],
    ['operator', 5],
  ])('refuses %s = %j with the failing path', async (field, value) => {
    await expect(parse(azampaySamples.completed({ [field]: value }))).rejects.toMatchObject({ code: 'PAYLOAD_INVALID', path: field })
  })

  it('names utilityref for the test kit invalid payload', async () => {
    await expect(parse(azampayTestKit.invalidPayload.payload)).rejects.toMatchObject({ path: azampayTestKit.invalidPayload.path })
  })

  it('refuses a JSON array or a DisburseCallback (payouts are not handled yet)', async () => {
    await expect(parse([azampaySamples.completed()])).rejects.toMatchObject({ code: 'PAYLOAD_INVALID', path: '(root)' })
    const disburse = { pgReferenceId: 'PG-1', initiatorReferenceId: 'INIT-1', fspReferenceId: 'FSP-1', amount: '5000', status: 'success', message: 'ok', operator: 'Tigo' }
    await expect(parse(disburse)).rejects.toMatchObject({ code: 'PAYLOAD_INVALID' })
  })

  it('keeps unknown fields', async () => {
    const event = await parse(azampaySamples.completed({ channel: 'USSD', extra: { nested: [1] } }))
    expect(event.raw).toMatchObject({ channel: 'USSD', extra: { nested: [1] } })
  })

  it('invalid JSON is PAYLOAD_INVALID_JSON', async () => {
    await expect(adapter.parse({ body: observedBody.slice(0, 100), headers: {} })).rejects.toMatchObject({ code: 'PAYLOAD_INVALID_JSON', status: 400 })
  })

  it('a parsed object as body is PAYLOAD_NOT_RAW', async () => {
    const parsed = azampaySamples.completed() as unknown as string
    await expect(adapter.parse({ body: parsed, headers: {} })).rejects.toMatchObject({ code: 'PAYLOAD_NOT_RAW' })
  })

  it('is the exported schema', () => {
    expect(adapter.schema).toBe(azampayPayloadSchema)
  })
})

describe('azampay ack and redaction', () => {
  it.each(['applied', 'duplicate', 'stale', 'suspicious', 'test', 'unknown'] as const)('acks %s with 200 and an empty JSON object (spec §2.5)', (outcome) => {
    const ack = adapter.ack(outcome)
    expect(ack.status).toBe(200)
    expect(ack.headers['content-type']).toBe('application/json')
    expect(JSON.parse(ack.body)).toEqual({})
  })

  it('declares where its secrets travel so the delivery log can redact them', () => {
    expect(adapter.sensitive).toMatchObject({ bodyFields: ['password'], headers: ['x-callback-token'], queryParams: ['token'], pathToken: false })
  })

  it('scrubs its token by value wherever it turns up, as sent, percent-encoded or JSON-escaped', () => {
    const everyCharEncoded = [...token].map((c) => `%${c.charCodeAt(0).toString(16)}`).join('')
    const text = `/cb/${token}?x=${encodeURIComponent(token)}&y=${everyCharEncoded} {"k":${JSON.stringify(token)}}`
    const scrubbed = adapter.sensitive.scrub?.(text) ?? text
    expect(scrubbed).not.toContain(token)
    expect(scrubbed).not.toContain(everyCharEncoded)
    expect(scrubbed.match(/\[redacted\]/g)).toHaveLength(4)
    expect(JSON.stringify(adapter)).not.toContain(token)
  })

  it('declares no transition exception: a later success after a failed attempt is the engine\'s money-wins rule', () => {
    expect(adapter.transitionExceptions).toEqual([])
  })

  it('says why it cannot be reconciled', () => {
    expect(adapter.statusApi).toMatchObject({ supported: false, reason: expect.stringMatching(/no status API for checkouts/) })
  })
})
