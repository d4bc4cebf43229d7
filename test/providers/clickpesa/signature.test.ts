import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { clickpesa, verifyClickpesaSignature } from '../../../src/providers/clickpesa/index.js'
import { clickpesaSamples } from '../../../src/providers/clickpesa/samples.js'
import { clickpesaTestKit } from '../../../src/providers/clickpesa/test-kit.js'
import { toRequest } from '../../../src/core/test-kit.js'

type Json = Record<string, unknown>

// ClickPesa's JS reference, written out here so the expected checksums do not come from the code under test
// (docs.clickpesa.com/home/checksum; legacy: developers.docs home/generating-checksum.mdx).
function canonicalize(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map(canonicalize)
  return Object.keys(value)
    .sort()
    .reduce<Json>((acc, key) => {
      acc[key] = canonicalize((value as Json)[key])
      return acc
    }, {})
}
function withoutChecksumFields(payload: Json): Json {
  const { checksum: _checksum, checksumMethod: _method, ...rest } = payload
  return rest
}
const hmac = (key: string, text: string) => createHmac('sha256', key).update(text).digest('hex')
const canonicalChecksum = (key: string, payload: Json) => hmac(key, JSON.stringify(canonicalize(withoutChecksumFields(payload))))
function legacyChecksum(key: string, payload: Json): string {
  const rest = withoutChecksumFields(payload)
  const sorted = Object.keys(rest)
    .sort()
    .reduce<Json>((acc, key) => {
      acc[key] = rest[key]
      return acc
    }, {})
  return hmac(key, Object.values(sorted).join(''))
}

const key = 'cpk_live_3b9f2c71d4e8'
const adapter = clickpesa({ checksumKey: key })
const verify = (payload: Json, headers: Record<string, string> = {}, method?: 'canonical' | 'legacy' | 'auto') =>
  clickpesa({ checksumKey: key, checksumMethod: method }).verifySignature({ body: JSON.stringify(payload), headers })

/** The current PAYMENT RECEIVED sample with a nested object, an array of objects and a non-ASCII customer name. */
function richPayment(): Json {
  const payload = clickpesaSamples.completed()
  const data = payload.data as Json
  data.customer = { customerPhoneNumber: '255700000000', customerName: 'Zuhura Ñyambura 🇹🇿', customerEmail: 'zuhura@example.tz' }
  data.items = [
    { sku: 'KANGA-01', qty: 2, price: '5000.00', attributes: { size: 'L', colour: 'nyekundu' } },
    { qty: 1, sku: 'KITENGE-7', price: '0' },
  ]
  return payload
}

describe('clickpesa canonical checksum (default)', () => {
  it('verifies HMAC-SHA256 of the canonical JSON: nested objects, arrays of objects, non-ASCII names', async () => {
    const payload = richPayment()
    const verdict = await verify({ ...payload, checksum: canonicalChecksum(key, payload) })
    expect(verdict).toEqual({ ok: true, method: 'canonical' })
  })

  it('signs exactly the text ClickPesa documents: keys sorted at every depth, arrays in order, compact, UTF-8 unescaped', async () => {
    const payload = {
      event: 'PAYMENT RECEIVED',
      data: { orderReference: 'A1', customer: { customerName: 'José Ñ', a: null }, items: [{ z: 1, a: [true, 2.5] }, 'x'] },
    }
    const text =
      '{"data":{"customer":{"a":null,"customerName":"José Ñ"},"items":[{"a":[true,2.5],"z":1},"x"],"orderReference":"A1"},"event":"PAYMENT RECEIVED"}'
    expect(JSON.stringify(canonicalize(payload))).toBe(text)
    expect((await verify({ checksum: hmac(key, text), ...payload })).ok).toBe(true)
  })

  it('does not match a checksum over ASCII-escaped JSON (Python json.dumps default, §3.3 cross-language note)', async () => {
    const payload = { event: 'PAYMENT RECEIVED', data: { orderReference: 'A1', customer: { customerName: 'José' } } }
    const escaped = '{"data":{"customer":{"customerName":"Jos\\u00e9"},"orderReference":"A1"},"event":"PAYMENT RECEIVED"}'
    expect(JSON.parse(escaped)).toEqual(payload)
    expect((await verify({ ...payload, checksum: hmac(key, escaped) })).ok).toBe(false)
  })

  it('works on parsed values: whitespace and key order of the raw body do not matter', async () => {
    const payload = richPayment()
    const checksum = canonicalChecksum(key, payload)
    const data = payload.data as Json
    const reordered = { data: Object.fromEntries(Object.entries(data).reverse()), checksum, event: payload.event }
    const verdict = await adapter.verifySignature({ body: JSON.stringify(reordered, null, 2), headers: {} })
    expect(verdict).toEqual({ ok: true, method: 'canonical' })
  })

  it('leaves checksum and checksumMethod out at the top level only', async () => {
    const payload: Json = { ...clickpesaSamples.completed(), checksumMethod: 'canonical' }
    ;(payload.data as Json).checksum = 'a nested field named checksum is data, and signed'
    const checksum = hmac(key, JSON.stringify(canonicalize({ event: payload.event, data: payload.data })))
    expect((await verify({ ...payload, checksum })).ok).toBe(true)
    const withoutNested = canonicalChecksum(key, { event: payload.event, data: { ...(payload.data as Json), checksum: undefined } })
    expect((await verify({ ...payload, checksum: withoutNested })).ok).toBe(false)
  })

  it('orders integer-like keys the way the JS reference does (numeric first), not plain string order', async () => {
    const payload = { event: 'PAYMENT RECEIVED', data: { orderReference: 'A1', meta: { b: 1, 10: 'ten', 9: 'nine' } } }
    const reference = JSON.stringify(canonicalize(payload))
    expect(reference).toContain('"meta":{"9":"nine","10":"ten","b":1}')
    expect((await verify({ ...payload, checksum: hmac(key, reference) })).ok).toBe(true)
  })

  it('accepts the checksum in upper case or with stray whitespace', async () => {
    const payload = clickpesaSamples.completed()
    const checksum = ` ${canonicalChecksum(key, payload).toUpperCase()}\n`
    expect((await verify({ ...payload, checksum })).ok).toBe(true)
  })

  it('refuses a legacy checksum by default, and the hint names canonical and suggests legacy / auto', async () => {
    const payload = clickpesaSamples.completed()
    const verdict = await verify({ ...payload, checksum: legacyChecksum(key, payload) })
    expect(verdict.ok).toBe(false)
    if (verdict.ok) return
    expect(verdict.error).toMatchObject({ code: 'SIGNATURE_MISMATCH', status: 401, provider: 'clickpesa' })
    expect(verdict.error.message).toMatch(/tried canonical/)
    expect(verdict.error.message).not.toMatch(/legacy/)
    expect(verdict.error.hint).toMatch(/checksumMethod: 'legacy'/)
    expect(verdict.error.hint).toMatch(/'auto'/)
    expect(verdict.error.hint).toMatch(/January 2026/)
  })

  it('points at the body’s declared checksumMethod when the configured method does not try it', async () => {
    const payload = { ...clickpesaSamples.completed(), checksumMethod: 'legacy' }
    const verdict = await verify({ ...payload, checksum: legacyChecksum(key, payload) })
    expect(verdict.ok).toBe(false)
    if (!verdict.ok) expect(verdict.error.hint).toMatch(/body declares checksumMethod 'legacy'/)
  })

  it('refuses a changed amount (tampering) and a wrong key, never showing a key or the expected checksum', async () => {
    const signed = await clickpesaTestKit.sign(clickpesaSamples.completed(), { secret: key })
    const tampered = clickpesaTestKit.tamper(signed)
    expect(tampered.body).toContain('"collectedAmount":"910000"')
    const tamperedVerdict = await adapter.verifySignature(toRequest(tampered))
    expect(tamperedVerdict.ok ? undefined : tamperedVerdict.error.code).toBe('SIGNATURE_MISMATCH')

    const other = clickpesaSamples.completed()
    const expected = canonicalChecksum(key, other)
    const verdict = await verify({ ...other, checksum: canonicalChecksum('cpk_live_other', other) })
    expect(verdict.ok).toBe(false)
    if (verdict.ok) return
    const text = `${verdict.error.message} ${verdict.error.hint}`
    expect(text).not.toContain(key)
    expect(text).not.toContain('cpk_live_other')
    expect(text).not.toContain(expected)
    expect(verdict.error.hint).toMatch(/checksum key of the application/)
  })
})

describe('clickpesa legacy checksum', () => {
  const legacyAdapter = clickpesa({ checksumKey: key, checksumMethod: 'legacy' })

  it('verifies HMAC-SHA256 of the sorted top-level values joined, as JS Object.values(sorted).join("") does', async () => {
    const payload = richPayment()
    const verdict = await verify({ ...payload, checksum: legacyChecksum(key, payload) }, {}, 'legacy')
    expect(verdict).toEqual({ ok: true, method: 'legacy' })
  })

  it('signs only "[object Object]" + the event name for { event, data }: data is NOT covered (documented weakness)', async () => {
    const payload = clickpesaSamples.completed()
    const checksum = hmac(key, '[object Object]PAYMENT RECEIVED')
    expect(checksum).toBe(legacyChecksum(key, payload))
    const forged = clickpesaSamples.completed()
    ;(forged.data as Json).collectedAmount = '99999999'
    expect((await verify({ ...forged, checksum }, {}, 'legacy')).ok).toBe(true)
  })

  it('joins arrays with commas and leaves null out, like Array.prototype.join', async () => {
    const payload = { event: 'DEPOSIT RECEIVED', tags: ['a', 'b'], note: null, amount: 10 }
    const checksum = hmac(key, '10DEPOSIT RECEIVEDa,b')
    expect(checksum).toBe(legacyChecksum(key, payload))
    expect((await verify({ ...payload, checksum }, {}, 'legacy')).ok).toBe(true)
  })

  it('refuses a canonical checksum and suggests canonical / auto', async () => {
    const payload = clickpesaSamples.completed()
    const verdict = await legacyAdapter.verifySignature({
      body: JSON.stringify({ ...payload, checksum: canonicalChecksum(key, payload) }),
      headers: {},
    })
    expect(verdict.ok).toBe(false)
    if (verdict.ok) return
    expect(verdict.error.message).toMatch(/tried legacy/)
    expect(verdict.error.hint).toMatch(/checksumMethod: 'canonical'/)
  })

  it('is what the test kit signs with checksumMethod: legacy', async () => {
    const signed = await clickpesaTestKit.sign(clickpesaSamples.failed(), { secret: key, checksumMethod: 'legacy' })
    expect((JSON.parse(signed.body) as Json).checksum).toBe(legacyChecksum(key, clickpesaSamples.failed()))
    expect(await legacyAdapter.verifySignature(toRequest(signed))).toEqual({ ok: true, method: 'legacy' })
  })
})

describe("clickpesa checksumMethod 'auto'", () => {
  it('tries canonical, then legacy, and reports which matched', async () => {
    const payload = clickpesaSamples.payoutInitiated()
    expect(await verify({ ...payload, checksum: canonicalChecksum(key, payload) }, {}, 'auto')).toEqual({ ok: true, method: 'canonical' })
    expect(await verify({ ...payload, checksum: legacyChecksum(key, payload) }, {}, 'auto')).toEqual({ ok: true, method: 'legacy' })
  })

  it("uses only the body's checksumMethod when it names one, as ClickPesa's validator does", async () => {
    const declaredLegacy = { ...clickpesaSamples.payoutInitiated(), checksumMethod: 'legacy' }
    expect(await verify({ ...declaredLegacy, checksum: legacyChecksum(key, declaredLegacy) }, {}, 'auto')).toEqual({
      ok: true,
      method: 'legacy',
    })
    const refused = await verify({ ...declaredLegacy, checksum: canonicalChecksum(key, declaredLegacy) }, {}, 'auto')
    expect(refused.ok ? undefined : refused.error.message).toMatch(/tried legacy \(/)

    const declaredCanonical = { ...clickpesaSamples.payoutInitiated(), checksumMethod: 'canonical' }
    const canonicalOnly = await verify({ ...declaredCanonical, checksum: legacyChecksum(key, declaredCanonical) }, {}, 'auto')
    expect(canonicalOnly.ok).toBe(false)
    expect(await verify({ ...declaredCanonical, checksum: canonicalChecksum(key, declaredCanonical) }, {}, 'auto')).toEqual({
      ok: true,
      method: 'canonical',
    })
  })

  it('tries both for an unrecognised declared method, and names both on mismatch', async () => {
    const payload = { ...clickpesaSamples.completed(), checksumMethod: 'sha3' }
    expect((await verify({ ...payload, checksum: legacyChecksum(key, payload) }, {}, 'auto')).ok).toBe(true)
    const verdict = await verify({ ...payload, checksum: 'f'.repeat(64) }, {}, 'auto')
    expect(verdict.ok ? undefined : verdict.error.message).toMatch(/tried canonical .*, then legacy/)
  })
})

describe('clickpesa checksum location', () => {
  it.each(['x-clickpesa-checksum', 'X-ClickPesa-Checksum', 'x-clickpesa-signature', 'X-CLICKPESA-SIGNATURE'])(
    'reads the checksum from the %s header when the body has none',
    async (header) => {
      const payload = clickpesaSamples.completed()
      expect(await verify(payload, { [header]: canonicalChecksum(key, payload) })).toEqual({ ok: true, method: 'canonical' })
    },
  )

  it('reads a Headers instance and an array-valued header', async () => {
    const payload = clickpesaSamples.payoutRefunded()
    const checksum = canonicalChecksum(key, payload)
    const body = JSON.stringify(payload)
    expect((await adapter.verifySignature({ body, headers: new Headers({ 'X-ClickPesa-Signature': checksum }) })).ok).toBe(true)
    expect((await adapter.verifySignature({ body, headers: { 'x-clickpesa-checksum': [checksum, 'ignored'] } })).ok).toBe(true)
  })

  it('prefers the body field over the headers, and falls back to a header when the body field is empty', async () => {
    const payload = clickpesaSamples.completed()
    const checksum = canonicalChecksum(key, payload)
    expect((await verify({ ...payload, checksum }, { 'x-clickpesa-checksum': 'f'.repeat(64) })).ok).toBe(true)
    expect((await verify({ ...payload, checksum: 'f'.repeat(64) }, { 'x-clickpesa-checksum': checksum })).ok).toBe(false)
    expect((await verify({ ...payload, checksum: '' }, { 'x-clickpesa-signature': checksum })).ok).toBe(true)
  })

  it('signs into the header with the test kit location: header, and strip removes it', async () => {
    const signed = await clickpesaTestKit.sign(clickpesaSamples.completed(), { secret: key, location: 'header' })
    expect(JSON.parse(signed.body)).not.toHaveProperty('checksum')
    expect(signed.headers['x-clickpesa-checksum']).toBe(canonicalChecksum(key, clickpesaSamples.completed()))
    expect((await adapter.verifySignature(toRequest(signed))).ok).toBe(true)
    const stripped = await adapter.verifySignature(toRequest(clickpesaTestKit.strip(signed)))
    expect(stripped.ok ? undefined : stripped.error.code).toBe('SIGNATURE_MISSING')
  })

  it('answers a missing checksum with SIGNATURE_MISSING and a hint about enabling checksum and regenerating tokens', async () => {
    const verdict = await verify({ ...clickpesaSamples.completed(), checksum: null })
    expect(verdict.ok).toBe(false)
    if (verdict.ok) return
    expect(verdict.error).toMatchObject({ code: 'SIGNATURE_MISSING', status: 401, provider: 'clickpesa' })
    expect(verdict.error.message).toMatch(/x-clickpesa-checksum/)
    expect(verdict.error.hint).toMatch(/enabled for the application/)
    expect(verdict.error.hint).toMatch(/regenerate/)
  })
})

describe('clickpesa checksum rotation and bad input', () => {
  it('accepts any key of a rotation list, with every method', async () => {
    const payload = clickpesaSamples.payoutReversed()
    const body = (checksum: string) => ({ body: JSON.stringify({ ...payload, checksum }), headers: {} })
    expect(await verifyClickpesaSignature(body(canonicalChecksum('old-key', payload)), ['new-key', 'old-key'], 'canonical')).toEqual({
      ok: true,
      method: 'canonical',
    })
    expect(await verifyClickpesaSignature(body(legacyChecksum('old-key', payload)), ['new-key', 'old-key'], 'auto')).toEqual({
      ok: true,
      method: 'legacy',
    })
    expect((await verifyClickpesaSignature(body(canonicalChecksum('gone-key', payload)), ['new-key', 'old-key'], 'auto')).ok).toBe(false)
  })

  it('never throws: invalid JSON, a parsed object and a non-object body come back as errors', async () => {
    const truncated = await adapter.verifySignature({ body: '{"event":"PAYMENT RECEIVED"', headers: {} })
    expect(truncated.ok ? undefined : truncated.error.code).toBe('PAYLOAD_INVALID_JSON')
    const parsed = await adapter.verifySignature({ body: clickpesaSamples.completed() as unknown as string, headers: {} })
    expect(parsed.ok ? undefined : parsed.error.code).toBe('PAYLOAD_NOT_RAW')
    const array = await adapter.verifySignature({
      body: '[{"event":"PAYMENT RECEIVED"}]',
      headers: { 'x-clickpesa-checksum': 'f'.repeat(64) },
    })
    expect(array.ok ? undefined : array.error).toMatchObject({ code: 'PAYLOAD_INVALID', path: '(root)', status: 400 })
  })
})
