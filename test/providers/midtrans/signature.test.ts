import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { midtrans, verifyMidtransSignature } from '../../../src/providers/midtrans/index.js'
import { midtransSamples } from '../../../src/providers/midtrans/samples.js'
import { midtransTestKit } from '../../../src/providers/midtrans/test-kit.js'
import { toRequest } from '../../../src/core/test-kit.js'

const sha512 = (text: string) => createHash('sha512').update(text).digest('hex')

// The official worked inputs (providers.md §1.2, docs.midtrans.com/reference/handle-notifications).
const official = { order_id: '1111', status_code: '200', gross_amount: '100000.00' }
const officialKey = 'askvnoibnosifnboseofinbofinfgbiufglnbfg'
const officialSignature = sha512(`1111200100000.00${officialKey}`)

const secret = 'SB-Mid-server-7yQ2kLm9Xc4Vb1Nz'
const adapter = midtrans({ serverKey: secret })

function notification(fields: Record<string, unknown>): string {
  return JSON.stringify(midtransSamples.completed(fields))
}

describe('midtrans signature_key', () => {
  it('verifies the official worked example: SHA-512 of order_id + status_code + gross_amount + Server Key', async () => {
    const body = notification({ ...official, signature_key: officialSignature })
    expect(await midtrans({ serverKey: officialKey }).verifySignature({ body, headers: {} })).toEqual({ ok: true, method: 'sha512' })
  })

  it('uses the strings verbatim: "100000" instead of "100000.00" fails, with a hint about re-serialization', async () => {
    const body = notification({ ...official, gross_amount: '100000', signature_key: officialSignature })
    const verdict = await midtrans({ serverKey: officialKey }).verifySignature({ body, headers: {} })
    expect(verdict.ok).toBe(false)
    if (verdict.ok) return
    expect(verdict.error.code).toBe('SIGNATURE_MISMATCH')
    expect(verdict.error.hint).toMatch(/two-decimal/)
    expect(verdict.error.hint).toMatch(/re-serialized/)
  })

  it('refuses a gross_amount sent as a number: the body was re-serialized, and the path says where', async () => {
    const body = notification({ ...official, gross_amount: 100000, signature_key: officialSignature })
    const verdict = await midtrans({ serverKey: officialKey }).verifySignature({ body, headers: {} })
    expect(verdict.ok).toBe(false)
    if (verdict.ok) return
    expect(verdict.error).toMatchObject({ code: 'PAYLOAD_INVALID', path: 'gross_amount', status: 400 })
    expect(verdict.error.hint).toMatch(/raw body/)
  })

  it('accepts an upper-case hex signature_key', async () => {
    const body = notification({ ...official, signature_key: officialSignature.toUpperCase() })
    expect((await midtrans({ serverKey: officialKey }).verifySignature({ body, headers: {} })).ok).toBe(true)
  })

  it('verifies a status_code other than "200" (expire carries "202")', async () => {
    const payload = midtransSamples.expired()
    expect(payload.status_code).toBe('202')
    const signature = sha512(`${payload.order_id}202${payload.gross_amount}${secret}`)
    const body = JSON.stringify({ ...payload, signature_key: signature })
    expect((await adapter.verifySignature({ body, headers: {} })).ok).toBe(true)
    const asIf200 = JSON.stringify({ ...payload, signature_key: sha512(`${payload.order_id}200${payload.gross_amount}${secret}`) })
    expect((await adapter.verifySignature({ body: asIf200, headers: {} })).ok).toBe(false)
  })

  it('refuses a tampered gross_amount', async () => {
    const signed = midtransTestKit.tamper(await midtransTestKit.sign(midtransSamples.capture(), { secret }))
    expect(signed.body).toContain('"gross_amount":"910000.00"')
    const verdict = await adapter.verifySignature(toRequest(signed))
    expect(verdict.ok ? undefined : verdict.error.code).toBe('SIGNATURE_MISMATCH')
  })

  it('answers a missing signature_key with SIGNATURE_MISSING', async () => {
    const verdict = await adapter.verifySignature({ body: notification({}), headers: {} })
    expect(verdict.ok).toBe(false)
    if (verdict.ok) return
    expect(verdict.error).toMatchObject({ code: 'SIGNATURE_MISSING', status: 401, provider: 'midtrans' })
    expect(verdict.error.hint).toMatch(/signature_key/)
  })

  it('diagnoses a wrong Server Key (environment, Client Key, raw body) without showing any key or hash', async () => {
    const production = 'Mid-server-Pq8rT3uV6wX9yZ2a'
    const signed = await midtransTestKit.sign(midtransSamples.completed(), { secret: production })
    const verdict = await adapter.verifySignature(toRequest(signed))
    expect(verdict.ok).toBe(false)
    if (verdict.ok) return
    expect(verdict.error.code).toBe('SIGNATURE_MISMATCH')
    expect(verdict.error.hint).toMatch(/SB-Mid-server-/)
    expect(verdict.error.hint).toMatch(/Client Key/)
    expect(verdict.error.hint).toMatch(/raw body/)
    const text = `${verdict.error.message} ${verdict.error.hint}`
    expect(text).not.toContain(secret)
    expect(text).not.toContain(production)
    const expectedHash = sha512(`ORDER-2026-0301-1720010000.00${secret}`)
    expect(text).not.toContain(expectedHash)
  })

  it('accepts any key of a rotation list, and refuses one outside it', async () => {
    const old = 'SB-Mid-server-OldKey0001'
    const rotating = midtrans({ serverKey: ['SB-Mid-server-NewKey0002', old] })
    const signedOld = await midtransTestKit.sign(midtransSamples.completed(), { secret: old })
    expect((await rotating.verifySignature(toRequest(signedOld))).ok).toBe(true)
    const signedOther = await midtransTestKit.sign(midtransSamples.completed(), { secret: 'SB-Mid-server-Other0003' })
    expect((await rotating.verifySignature(toRequest(signedOther))).ok).toBe(false)
  })

  it('ignores headers entirely: a Headers instance, any case, or none at all', async () => {
    const signed = await midtransTestKit.sign(midtransSamples.completed(), { secret })
    expect((await adapter.verifySignature({ body: signed.body, headers: new Headers({ 'Content-Type': 'application/json' }) })).ok).toBe(true)
    expect((await adapter.verifySignature({ body: signed.body, headers: { 'CONTENT-TYPE': 'application/json' } })).ok).toBe(true)
    expect((await adapter.verifySignature({ body: Buffer.from(signed.body), headers: {} })).ok).toBe(true)
  })

  it('never throws: a parsed body and invalid JSON come back as errors', async () => {
    const parsed = await verifyMidtransSignature({ body: { order_id: '1' } as unknown as string, headers: {} }, [secret])
    expect(parsed.ok ? undefined : parsed.error.code).toBe('PAYLOAD_NOT_RAW')
    const broken = await verifyMidtransSignature({ body: '{"order_id":', headers: {} }, [secret])
    expect(broken.ok ? undefined : broken.error.code).toBe('PAYLOAD_INVALID_JSON')
    const notAnObject = await verifyMidtransSignature({ body: '[1,2]', headers: {} }, [secret])
    expect(notAnObject.ok ? undefined : notAnObject.error.code).toBe('SIGNATURE_MISSING')
  })
})

describe('midtrans serverKey option', () => {
  it('is required: no key is SECRET_MISSING, there is no way to skip verification', () => {
    expect(() => midtrans({} as never)).toThrow(expect.objectContaining({ code: 'SECRET_MISSING' }))
    expect(() => midtrans({ serverKey: [] })).toThrow(expect.objectContaining({ code: 'SECRET_MISSING' }))
    expect(() => midtrans({ serverKey: '' })).toThrow(expect.objectContaining({ code: 'SECRET_INVALID' }))
  })

  it.each(['Mid-client-AbC123dEf456', 'SB-Mid-client-AbC123dEf456'])('refuses the Client Key %s with a hint naming it', (clientKey) => {
    let caught: unknown
    try {
      midtrans({ serverKey: [secret, clientKey] })
    } catch (error) {
      caught = error
    }
    expect(caught).toMatchObject({ code: 'SECRET_INVALID', provider: 'midtrans' })
    const { message, hint } = caught as { message: string; hint: string }
    expect(message).toContain('serverKey[1]')
    expect(hint).toMatch(/Client Key/)
    expect(hint).toMatch(/Server Key/)
    expect(`${message} ${hint}`).not.toContain(clientKey)
  })

  it('accepts production and sandbox Server Keys', () => {
    expect(midtrans({ serverKey: ['Mid-server-Pq8rT3uV6wX9yZ2a', secret] }).name).toBe('midtrans')
  })
})
