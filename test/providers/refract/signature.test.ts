import { describe, expect, it } from 'vitest'
import type { WebhookRequest } from '../../../src/core/request.js'
import { refract, verifyRefractToken } from '../../../src/providers/refract/index.js'
import { refractSamples } from '../../../src/providers/refract/samples.js'
import { refractTestKit } from '../../../src/providers/refract/test-kit.js'

const token = 'rf_tok_5d0c8a1e9b'
const adapter = refract({ token })
const body = JSON.stringify(refractSamples.completed())
const at = (url: string | undefined): WebhookRequest => ({ body, headers: { 'content-type': 'application/json' }, url })

async function refusal(req: WebhookRequest, verify = adapter.verifySignature) {
  const verdict = await verify(req)
  if (verdict.ok) throw new Error('expected a refusal')
  return verdict.error
}

describe('refract URL token', () => {
  it.each([
    ['the last path segment', `/webhooks/refract/${token}`],
    ['the last path segment with a trailing slash', `/webhooks/refract/${token}/`],
    ['a full URL', `https://shop.example/webhooks/refract/${token}`],
    ['a Discord-shaped path /webhooks/{id}/{token}', `/api/webhooks/1187654321/${token}`],
    ['the token query parameter', `/webhooks/refract?token=${token}`],
    ['the token query parameter beside other ones', `/webhooks/refract?wait=true&token=${token}`],
  ])('accepts the token in %s', async (_where, url) => {
    expect(await adapter.verifySignature(at(url))).toEqual({ ok: true, method: 'url-token' })
  })

  it('decodes a URL-encoded token', async () => {
    const odd = 'tok/with+plus&amp'
    const verdict = await refract({ token: odd }).verifySignature(at(`/webhooks/refract/${encodeURIComponent(odd)}`))
    expect(verdict.ok).toBe(true)
    expect((await refract({ token: odd }).verifySignature(at(`/webhooks/refract?token=${encodeURIComponent(odd)}`))).ok).toBe(true)
  })

  it.each([
    ['a wrong path token', '/webhooks/refract/rf_tok_wrong'],
    ['a wrong query token', '/webhooks/refract?token=rf_tok_wrong'],
    ['a token that differs only in case', `/webhooks/refract/${token.toUpperCase()}`],
    ['a prefix of the token', `/webhooks/refract/${token.slice(0, -1)}`],
    ['a path that ends elsewhere', '/webhooks/discord'],
  ])('refuses %s with SIGNATURE_MISMATCH, never echoing a token', async (_what, url) => {
    const error = await refusal(at(url))
    expect(error).toMatchObject({ code: 'SIGNATURE_MISMATCH', status: 401, provider: 'refract' })
    expect(`${error.message} ${error.hint}`).not.toContain(token)
    expect(`${error.message} ${error.hint}`).not.toContain('rf_tok_wrong')
    expect(error.hint).toMatch(/last path segment/)
  })

  it.each([
    ['no URL', undefined, /no URL/],
    ['an empty URL', '', /no URL/],
    ['a path ending in /refract', '/webhooks/refract', /ends in \/refract/],
    ['a path ending in /refract/ and an empty ?token=', '/webhooks/refract/?token=', /ends in \/refract/],
    ['the root path', '/', /ends in \/refract/],
  ])('refuses %s with SIGNATURE_MISSING and the URL to give Refract', async (_what, url, message) => {
    const error = await refusal(at(url))
    expect(error).toMatchObject({ code: 'SIGNATURE_MISSING', status: 401 })
    expect(error.message).toMatch(message)
    expect(error.hint).toContain('https://your.host/webhooks/refract/<token>')
    expect(error.hint).toMatch(/req\.url/)
  })

  it('accepts every token in a rotation list, and refuses others', async () => {
    const rotating = refract({ token: ['rf_tok_new_71', token] })
    expect((await rotating.verifySignature(at(`/webhooks/refract/${token}`))).ok).toBe(true)
    expect((await rotating.verifySignature(at('/webhooks/refract/rf_tok_new_71'))).ok).toBe(true)
    expect((await rotating.verifySignature(at('/webhooks/refract/rf_tok_older'))).ok).toBe(false)
  })

  it('never reads the body: an unparseable or non-raw body still verifies on its token', async () => {
    const url = `/webhooks/refract/${token}`
    expect((await adapter.verifySignature({ body: 'not json', headers: {}, url })).ok).toBe(true)
    expect((await verifyRefractToken({ body: {} as unknown as string, headers: {}, url }, [token])).ok).toBe(true)
  })

  it('the kit signs by appending the encoded token to the path, and strip removes it', async () => {
    const signed = await refractTestKit.sign(refractSamples.completed(), { secret: 'a b', path: '/hooks/refract' })
    expect(signed.url).toBe('/hooks/refract/a%20b')
    expect(refractTestKit.strip(signed).url).toBe('/hooks/refract')
    expect(JSON.parse(signed.body)).toEqual(refractSamples.completed())
  })

  it('the body is not covered: a tampered price still verifies (signsBody: false)', async () => {
    const signed = refractTestKit.tamper(await refractTestKit.sign(refractSamples.completed(), { secret: token }))
    expect(signed.body).toContain('$2.99')
    expect(refractTestKit.signsBody).toBe(false)
    expect((await adapter.verifySignature({ body: signed.body, headers: signed.headers, url: signed.url })).ok).toBe(true)
  })
})

describe('refract factory options', () => {
  it('refuses to be created without a token unless verification: none is said', () => {
    expect(() => refract()).toThrow(expect.objectContaining({ code: 'SECRET_MISSING', hint: expect.stringMatching(/verification: 'none'/) }))
    expect(() => refract({})).toThrow(expect.objectContaining({ code: 'SECRET_MISSING' }))
    expect(() => refract({ token: [] })).toThrow(expect.objectContaining({ code: 'SECRET_MISSING' }))
  })

  it("accepts every delivery with verification: 'none', URL or not", async () => {
    const open = refract({ verification: 'none' })
    expect(await open.verifySignature(at(undefined))).toEqual({ ok: true, method: 'none' })
    expect((await open.parse(at(undefined))).type).toBe('order.completed')
  })

  it("refuses verification: 'none' beside a token, and any other verification value, without echoing it", () => {
    expect(() => refract({ token, verification: 'none' })).toThrow(expect.objectContaining({ code: 'SECRET_INVALID' }))
    try {
      refract({ verification: 'rf_tok_misplaced' as 'none' })
      throw new Error('expected SECRET_INVALID')
    } catch (error) {
      expect(error).toMatchObject({ code: 'SECRET_INVALID' })
      expect(`${(error as Error).message} ${(error as { hint: string }).hint}`).not.toContain('rf_tok_misplaced')
    }
  })

  it('refuses an empty token or one with whitespace', () => {
    expect(() => refract({ token: '' })).toThrow(expect.objectContaining({ code: 'SECRET_INVALID' }))
    expect(() => refract({ token: [token, `${token}\n`] })).toThrow(expect.objectContaining({ code: 'SECRET_INVALID' }))
  })

  it('declares where the token travels so the delivery log can redact it', () => {
    expect(adapter.sensitive).toMatchObject({ bodyFields: [], headers: [], queryParams: ['token'], pathToken: true })
    expect(adapter.sensitive.scrub).toBeTypeOf('function')
  })
})
