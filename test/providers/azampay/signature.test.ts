import { describe, expect, it } from 'vitest'
import type { WebhookRequest } from '../../../src/core/request.js'
import { azampay, verifyAzampaySignature } from '../../../src/providers/azampay/index.js'
import { azampaySamples } from '../../../src/providers/azampay/samples.js'
import { azampayTestKit } from '../../../src/providers/azampay/test-kit.js'
import { toRequest, type SamplePayload } from '../../../src/core/test-kit.js'

const token = 'cb_tok_9f2d71a4'
const password = 'azp-callback-pw-51c3'
const body = (overrides: SamplePayload = {}) => JSON.stringify(azampaySamples.completed(overrides))

// Requests are built by hand here, as AzamPay would send them to the URL the merchant registered.
const request = (url: string, extra: Partial<WebhookRequest> = {}): WebhookRequest => ({
  body: body(),
  headers: { 'content-type': 'application/json; charset=utf-8' },
  url,
  method: 'POST',
  ...extra,
})

async function refusal(verdict: Promise<Awaited<ReturnType<typeof verifyAzampaySignature>>>) {
  const result = await verdict
  if (result.ok) throw new Error('expected a refusal')
  return result.error
}

describe('azampay callback token', () => {
  const adapter = azampay({ callbackToken: token })

  it('is read from the token query parameter of the registered callback URL', async () => {
    expect(await adapter.verifySignature(request(`/webhooks/azampay?token=${token}`))).toEqual({ ok: true, method: 'token' })
  })

  it('is read from a full URL among other query parameters', async () => {
    const verdict = await adapter.verifySignature(request(`https://shop.example.tz/webhooks/azampay?shop=7&token=${token}&x=1`))
    expect(verdict.ok).toBe(true)
  })

  it('decodes a URL-encoded token', async () => {
    const special = 'tok+with/and=signs&more'
    const verdict = await azampay({ callbackToken: special }).verifySignature(
      request(`/webhooks/azampay?token=${encodeURIComponent(special)}`),
    )
    expect(verdict.ok).toBe(true)
  })

  it("explains an unencoded '+' (it arrives as a space) on mismatch", async () => {
    const error = await refusal(azampay({ callbackToken: 'a+b' }).verifySignature(request('/webhooks/azampay?token=a+b')))
    expect(error.code).toBe('SIGNATURE_MISMATCH')
    expect(error.hint).toMatch(/URL-encoded/)
  })

  it.each(['x-callback-token', 'X-Callback-Token', 'X-CALLBACK-TOKEN'])('is read from the %s header', async (name) => {
    const verdict = await adapter.verifySignature(request('/webhooks/azampay', { headers: { [name]: token } }))
    expect(verdict).toEqual({ ok: true, method: 'token' })
  })

  it('is read from a Headers instance', async () => {
    const headers = new Headers({ 'X-Callback-Token': token, 'content-type': 'application/json' })
    expect((await adapter.verifySignature(request('/webhooks/azampay', { headers }))).ok).toBe(true)
  })

  it('takes the query parameter over the header when both are present', async () => {
    const wrongQuery = request('/webhooks/azampay?token=not-it', { headers: { 'x-callback-token': token } })
    expect((await refusal(adapter.verifySignature(wrongQuery))).code).toBe('SIGNATURE_MISMATCH')
    const emptyQuery = request('/webhooks/azampay?token=', { headers: { 'x-callback-token': token } })
    expect((await adapter.verifySignature(emptyQuery)).ok).toBe(true)
  })

  it.each([
    ['no query at all', '/webhooks/azampay'],
    ['an empty token', '/webhooks/azampay?token='],
    ['another parameter only', '/webhooks/azampay?tok=abc'],
  ])('is missing with %s: 401 SIGNATURE_MISSING telling how to register the URL', async (_, url) => {
    const error = await refusal(adapter.verifySignature(request(url)))
    expect(error).toMatchObject({ code: 'SIGNATURE_MISSING', status: 401, provider: 'azampay' })
    expect(error.hint).toContain('?token=<your token>')
    expect(error.hint).toMatch(/req\.originalUrl/)
  })

  it('is missing when no URL is passed at all', async () => {
    const error = await refusal(adapter.verifySignature({ body: body(), headers: {} }))
    expect(error.code).toBe('SIGNATURE_MISSING')
  })

  it('a wrong token is 401 SIGNATURE_MISMATCH and no secret shows in the error', async () => {
    const error = await refusal(adapter.verifySignature(request('/webhooks/azampay?token=guess-1234')))
    expect(error).toMatchObject({ code: 'SIGNATURE_MISMATCH', status: 401 })
    const text = JSON.stringify(error.toJSON())
    expect(text).not.toContain(token)
    expect(text).not.toContain('guess-1234')
  })

  it('a token that only shares a prefix is refused', async () => {
    expect((await adapter.verifySignature(request(`/webhooks/azampay?token=${token}x`))).ok).toBe(false)
    expect((await adapter.verifySignature(request(`/webhooks/azampay?token=${token.slice(0, -1)}`))).ok).toBe(false)
  })

  it('accepts every token of a rotation list, and nothing else', async () => {
    const rotating = azampay({ callbackToken: ['cb_new_77aa', 'cb_old_12ff'] })
    expect((await rotating.verifySignature(request('/webhooks/azampay?token=cb_new_77aa'))).ok).toBe(true)
    expect((await rotating.verifySignature(request('/webhooks/azampay?token=cb_old_12ff'))).ok).toBe(true)
    expect((await rotating.verifySignature(request('/webhooks/azampay?token=cb_older_0000'))).ok).toBe(false)
  })

  it('does not need the body: a token-only check passes even before the body is parsed', async () => {
    expect((await adapter.verifySignature(request(`/webhooks/azampay?token=${token}`, { body: 'not json' }))).ok).toBe(true)
  })

  it('cannot see a changed body (AzamPay signs nothing), which the test kit declares', async () => {
    const signed = await azampayTestKit.sign(azampaySamples.completed(), { secret: token })
    const tampered = azampayTestKit.tamper(signed)
    expect(tampered.body).not.toBe(signed.body)
    expect(azampayTestKit.signsBody).toBe(false)
    expect((await adapter.verifySignature(toRequest(tampered))).ok).toBe(true)
  })

  it('the kit posts to /webhooks/azampay?token=… by default, keeps a given query, and strip removes only the token', async () => {
    const signed = await azampayTestKit.sign(azampaySamples.completed(), { secret: 'a b&c', path: '/hooks/azampay?shop=7' })
    expect(signed.url).toBe('/hooks/azampay?shop=7&token=a%20b%26c')
    expect(azampayTestKit.strip(signed).url).toBe('/hooks/azampay?shop=7')
    expect((await azampay({ callbackToken: 'a b&c' }).verifySignature(toRequest(signed))).ok).toBe(true)
    const plain = await azampayTestKit.sign(azampaySamples.completed(), { secret: token })
    expect(plain.url).toBe(`/webhooks/azampay?token=${token}`)
    expect(azampayTestKit.strip(plain).url).toBe('/webhooks/azampay')
  })
})

describe('azampay body password', () => {
  const adapter = azampay({ password })

  it('matches the body password field', async () => {
    const verdict = await adapter.verifySignature(request('/webhooks/azampay', { body: body({ password }) }))
    expect(verdict).toEqual({ ok: true, method: 'password' })
  })

  it.each([
    ['null, as observed in sandbox', { password: null }],
    ['absent, as in the older callback shape', { password: undefined }],
    ['empty', { password: '' }],
  ])('is missing when %s: SIGNATURE_MISSING that points to callbackToken', async (_, overrides) => {
    const error = await refusal(adapter.verifySignature(request('/webhooks/azampay', { body: body(overrides) })))
    expect(error).toMatchObject({ code: 'SIGNATURE_MISSING', status: 401 })
    expect(error.hint).toMatch(/password: null/)
    expect(error.hint).toMatch(/callbackToken/)
  })

  it('a wrong password is SIGNATURE_MISMATCH without either value in the error', async () => {
    const error = await refusal(adapter.verifySignature(request('/webhooks/azampay', { body: body({ password: 'hunter2-x' }) })))
    expect(error.code).toBe('SIGNATURE_MISMATCH')
    const text = `${error.message} ${error.hint}`
    expect(text).not.toContain(password)
    expect(text).not.toContain('hunter2-x')
  })

  it('rotates', async () => {
    const rotating = azampay({ password: ['pw-new-1', 'pw-old-2'] })
    expect((await rotating.verifySignature(request('/', { body: body({ password: 'pw-old-2' }) }))).ok).toBe(true)
    expect((await rotating.verifySignature(request('/', { body: body({ password: 'pw-other-3' }) }))).ok).toBe(false)
  })

  it('is not taken from a token in the URL', async () => {
    const error = await refusal(adapter.verifySignature(request(`/webhooks/azampay?token=${password}`)))
    expect(error.code).toBe('SIGNATURE_MISSING')
  })

  it('a non-string password (a number) counts as missing', async () => {
    const error = await refusal(adapter.verifySignature(request('/', { body: body({ password: 12345 }) })))
    expect(error.code).toBe('SIGNATURE_MISSING')
  })

  it('wraps body errors instead of throwing: invalid JSON and a parsed body', async () => {
    expect((await refusal(adapter.verifySignature(request('/', { body: '{"password":' })))).code).toBe('PAYLOAD_INVALID_JSON')
    const parsed = azampaySamples.completed({ password }) as unknown as string
    const error = await refusal(adapter.verifySignature(request('/', { body: parsed })))
    expect(error.code).toBe('PAYLOAD_NOT_RAW')
    expect(error.hint).toMatch(/raw/)
  })

  it('reads a Uint8Array body', async () => {
    const bytes = new TextEncoder().encode(body({ password }))
    expect((await adapter.verifySignature(request('/', { body: bytes }))).ok).toBe(true)
  })
})

describe('azampay token and password together', () => {
  const adapter = azampay({ callbackToken: token, password })
  const url = `/webhooks/azampay?token=${token}`

  it('verifies when both match and says so', async () => {
    expect(await adapter.verifySignature(request(url, { body: body({ password }) }))).toEqual({ ok: true, method: 'token+password' })
  })

  it('refuses when only the token matches (password null as in sandbox)', async () => {
    expect((await refusal(adapter.verifySignature(request(url)))).code).toBe('SIGNATURE_MISSING')
  })

  it('refuses when only the password matches', async () => {
    const noToken = request('/webhooks/azampay', { body: body({ password }) })
    expect((await refusal(adapter.verifySignature(noToken))).code).toBe('SIGNATURE_MISSING')
    const wrongToken = request('/webhooks/azampay?token=nope', { body: body({ password }) })
    expect((await refusal(adapter.verifySignature(wrongToken))).code).toBe('SIGNATURE_MISMATCH')
  })

  it('refuses a wrong password even with the right token', async () => {
    expect((await refusal(adapter.verifySignature(request(url, { body: body({ password: 'nope' }) })))).code).toBe('SIGNATURE_MISMATCH')
  })
})

describe('azampay verification: none and factory options', () => {
  it("accepts everything with verification: 'none' and reports method 'none'", async () => {
    const adapter = azampay({ verification: 'none' })
    expect(await adapter.verifySignature(request('/webhooks/azampay'))).toEqual({ ok: true, method: 'none' })
    expect((await adapter.parse(request('/webhooks/azampay'))).status).toBe('completed')
  })

  it.each([
    ['no options', undefined],
    ['an empty object', {}],
    ['empty lists', { callbackToken: [], password: [] }],
  ])('without a secret (%s) creation throws SECRET_MISSING suggesting verification none', (_, options) => {
    try {
      azampay(options)
      throw new Error('expected SECRET_MISSING')
    } catch (error) {
      expect(error).toMatchObject({ code: 'SECRET_MISSING', provider: 'azampay' })
      expect((error as { hint: string }).hint).toContain("verification: 'none'")
    }
  })

  it.each(['token', 'hmac', 'NONE', '', true, null])('refuses verification %j with a clear error that does not echo it', (value) => {
    expect(() => azampay({ callbackToken: token, verification: value as 'none' })).toThrow(/verification must be 'none' or left out/)
    expect(() => azampay({ verification: value as 'none' })).toThrow(expect.objectContaining({ code: 'SECRET_INVALID' }))
  })

  it("refuses verification: 'none' beside a secret: the two contradict each other", () => {
    expect(() => azampay({ callbackToken: token, verification: 'none' })).toThrow(/together with callbackToken or password/)
    expect(() => azampay({ password, verification: 'none' })).toThrow(expect.objectContaining({ code: 'SECRET_INVALID' }))
  })

  it.each([
    [{ callbackToken: '' }, /callbackToken is empty/],
    [{ callbackToken: [token, ''] }, /callbackToken\[1\] is empty/],
    [{ password: ` ${password}` }, /password has leading or trailing whitespace/],
  ])('refuses a bad secret %j with SECRET_INVALID', (options, message) => {
    expect(() => azampay(options)).toThrow(message)
  })

  it('verifyAzampaySignature called directly with no secret fails closed', async () => {
    const error = await refusal(verifyAzampaySignature(request(`/?token=${token}`), { callbackTokens: [], passwords: [] }))
    expect(error.code).toBe('SECRET_MISSING')
  })
})
