import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { SensitiveParts } from '../../src/core/adapter.js'
import { locateQueryParam, readLastPathSegment, readQueryParam } from '../../src/core/request.js'
import { REDACTED, redactBody, redactHeaders, redactUrl, unknownProviderSensitive } from '../../src/engine/redact-delivery.js'
import { azampay } from '../../src/providers/azampay/index.js'
import { datamart } from '../../src/providers/datamart/index.js'
import { midtrans } from '../../src/providers/midtrans/index.js'
import { refract } from '../../src/providers/refract/index.js'
import {
  ESCAPED_TOKEN,
  leaks,
  PLAIN_TOKEN,
  urlCases,
  WRONG_ESCAPED_TOKEN,
  WRONG_PLAIN_TOKEN,
  type Position,
} from './fixtures/redaction-cases.js'

const TOKENS = [PLAIN_TOKEN, ESCAPED_TOKEN, WRONG_PLAIN_TOKEN, WRONG_ESCAPED_TOKEN]
const QUERY_POSITIONS: Position[] = ['query', 'leading-? query', 'encoded-name query', 'repeated query', 'fragment']

// The real adapters' declarations, so the test covers what the engine is given.
const refractSensitive = refract({ token: PLAIN_TOKEN }).sensitive
const azampaySensitive = azampay({ callbackToken: PLAIN_TOKEN }).sensitive
const unknownSensitive = unknownProviderSensitive([refract({ token: PLAIN_TOKEN }), azampay({ callbackToken: PLAIN_TOKEN })])

const PROVIDERS = [
  { name: 'refract', sensitive: refractSensitive, positions: ['path', ...QUERY_POSITIONS] as Position[] },
  // AzamPay reads no path token (providers.md §2.2, src/providers/azampay/signature.ts): only ?token=.
  { name: 'azampay', sensitive: azampaySensitive, positions: QUERY_POSITIONS },
]

/** What the token checks read from a URL, and what they read from its redacted form. */
function readsOf(url: string, sensitive: SensitiveParts, route: string | undefined) {
  return {
    path: sensitive.pathToken ? readLastPathSegment({ body: '', headers: {}, url }, route) : undefined,
    query: sensitive.queryParams.flatMap((name) => locateQueryParam(url, name).map((span) => url.slice(span.start, span.end))),
  }
}

describe('redactUrl hides exactly what verification reads', () => {
  for (const provider of PROVIDERS) {
    for (const token of TOKENS) {
      const cases = urlCases(provider.name, token, provider.positions)
      it(`${provider.name}: ${cases.length} URL forms with ${JSON.stringify(token)} — no trace of it, and every token position reads back as ${REDACTED}`, () => {
        expect(cases.length).toBeGreaterThan(100)
        for (const { name, url } of cases) {
          const redacted = redactUrl(url, provider.sensitive, provider.name) as string
          expect(leaks(redacted, [token]), `${name}: ${url} → ${redacted}`).toEqual([])
          const before = readsOf(url, provider.sensitive, provider.name)
          const after = readsOf(redacted, provider.sensitive, provider.name)
          if (before.path !== undefined) expect(after.path, name).toBe(REDACTED)
          expect(after.query, name).toEqual(before.query.map((value) => (value === '' ? '' : REDACTED)))
          expect(redacted, name).not.toContain('#')
        }
      })
    }
  }

  it('leaves the route and the other query parameters as they arrived', () => {
    expect(redactUrl(`/webhooks/refract/${PLAIN_TOKEN}/?utm=1&b=%2F`, refractSensitive, 'refract')).toBe(`/webhooks/refract/${REDACTED}/?utm=1&b=%2F`)
    expect(redactUrl(`https://shop.example/cb?a=1&%74oken=${PLAIN_TOKEN}&z`, azampaySensitive, 'azampay')).toBe(`https://shop.example/cb?a=1&%74oken=${REDACTED}&z`)
    // The route segment is no token, in any case, and stays readable.
    expect(redactUrl('/webhooks/Refract/?token=', refractSensitive, 'refract')).toBe('/webhooks/Refract/?token=')
  })

  it('for a request routed to no provider, hides the last segment whatever follows it', () => {
    for (const token of TOKENS) {
      for (const { name, url } of urlCases('nope', token, ['path'])) {
        // As the engine calls it: the query is dropped first.
        const redacted = redactUrl(url.split('?', 1)[0], unknownSensitive) as string
        expect(leaks(redacted, [token]), `${name}: ${redacted}`).toEqual([])
      }
    }
  })

  it('reads a path token the way verification does, from the same span', () => {
    const url = `//webhooks//refract//${encodeURIComponent(ESCAPED_TOKEN)}///?utm=1#x`
    expect(readLastPathSegment({ body: '', headers: {}, url }, 'refract')).toBe(ESCAPED_TOKEN)
    expect(readQueryParam({ body: '', headers: {}, url: `/cb??token=${encodeURIComponent(ESCAPED_TOKEN)}` }, 'token')).toBe(ESCAPED_TOKEN)
    expect(readQueryParam({ body: '', headers: {}, url: 'https://shop.example?token=a+b%2' }, 'token')).toBe('a b%2')
  })
})

/** URLs from an alphabet of every character that means something to a URL reader. */
const urlArbitrary = fc
  .array(fc.constantFrom('/', '/', '?', '#', '&', '=', '%', '%2F', '%2f', '%74', '+', ' ', '.', '\\', 'token', 'refract', 'Refract', 'a', 'T', ':', 'https://h'), {
    maxLength: 24,
  })
  .map((parts) => parts.join(''))

describe('redactUrl on arbitrary URLs', () => {
  it('every position a token check reads holds the redaction marker afterwards, and nothing past a # is kept', () => {
    fc.assert(
      fc.property(urlArbitrary, fc.constantFrom(...PROVIDERS), (url, provider) => {
        const redacted = redactUrl(url, provider.sensitive, provider.name)
        if (url === '') {
          expect(redacted).toBeNull()
          return
        }
        const before = readsOf(url, provider.sensitive, provider.name)
        const after = readsOf(redacted as string, provider.sensitive, provider.name)
        if (before.path !== undefined) expect(after.path).toBe(REDACTED)
        expect(after.query).toEqual(before.query.map((value) => (value === '' ? '' : REDACTED)))
        expect(redacted).not.toContain('#')
      }),
      { numRuns: 2000 },
    )
  })

  it('returns the URL itself, untouched, when the provider carries no secret in it', () => {
    const none = datamart({ webhookSecret: 'dm_whsec_4f1c9a7e' }).sensitive
    const inQueryOnly = azampaySensitive
    fc.assert(
      fc.property(urlArbitrary.filter((url) => url !== ''), (url) => {
        expect(redactUrl(url, none, 'datamart')).toBe(url)
        if (!url.includes('?') && !url.includes('#')) expect(redactUrl(url, inQueryOnly, 'azampay')).toBe(url)
      }),
    )
  })
})

describe('redactHeaders', () => {
  it('hides the provider headers and credentials of any service, in any case', () => {
    const logged = redactHeaders(
      { 'X-Callback-Token': PLAIN_TOKEN, Authorization: 'Bearer x', 'content-type': 'application/json', 'x-multi': ['a', 'b'] },
      azampaySensitive,
      'azampay',
    )
    expect(logged).toEqual({ 'x-callback-token': REDACTED, authorization: REDACTED, 'content-type': 'application/json', 'x-multi': 'a, b' })
  })

  it('redacts URLs that proxies repeat in headers like the request URL itself', () => {
    const url = `https://shop.example/webhooks/refract/${PLAIN_TOKEN}/?token=${WRONG_PLAIN_TOKEN}`
    const headers = new Headers({ referer: url, 'x-original-uri': url, 'x-forwarded-uri': url, 'x-envoy-original-path': url, 'user-agent': 'Refract' })
    const logged = redactHeaders(headers, refractSensitive, 'refract')
    expect(leaks(JSON.stringify(logged), [PLAIN_TOKEN, WRONG_PLAIN_TOKEN])).toEqual([])
    expect(logged['x-original-uri']).toBe(`https://shop.example/webhooks/refract/${REDACTED}/?token=${REDACTED}`)
    expect(logged['user-agent']).toBe('Refract')
  })

  it('leaves echoed URLs alone for providers whose URL carries no secret', () => {
    const midtransSensitive = midtrans({ serverKey: 'SB-Mid-server-abc' }).sensitive
    expect(redactHeaders({ referer: '/webhooks/midtrans/x' }, midtransSensitive, 'midtrans')).toEqual({ referer: '/webhooks/midtrans/x' })
  })
})

describe('redactBody', () => {
  const fields: SensitiveParts = { ...azampaySensitive, bodyFields: ['password'] }

  it('hides a field however JSON spells its name: JSON.parse reads "pass\\u0077ord" as password', () => {
    const body = `{"utilityref":"ORD-1","pass\\u0077ord":"${PLAIN_TOKEN}","note":"a\\"b"}`
    expect(JSON.parse(body).password).toBe(PLAIN_TOKEN)
    const logged = redactBody(body, fields)
    expect(leaks(logged, [PLAIN_TOKEN])).toEqual([])
    expect(logged).toBe(`{"utilityref":"ORD-1","pass\\u0077ord":"${REDACTED}","note":"a\\"b"}`)
  })

  it('hides secrets before cutting a large body, so the cut cannot split one out of its field', () => {
    const padding = 'x'.repeat(64 * 1024 - 20)
    const body = `{"a":"${padding}","password":"${PLAIN_TOKEN} tail"}`
    const logged = redactBody(body, fields)
    expect(logged.endsWith('…[truncated]')).toBe(true)
    expect(leaks(logged, [PLAIN_TOKEN])).toEqual([])
  })

  it('keeps the body byte for byte when no field is secret', () => {
    const body = '{ "password" : "kept, no secret declared" }'
    expect(redactBody(body)).toBe(body)
  })
})

describe('unknownProviderSensitive', () => {
  it('hides the last segment and every header and query parameter any registered provider treats as secret', () => {
    expect(unknownSensitive).toEqual({ bodyFields: [], headers: ['x-callback-token'], queryParams: ['token'], pathToken: true })
  })
})

describe('redactBody hides credentials in URLs, whatever the provider', () => {
  it('replaces the user-info of scheme://user:password@host and leaves other @ alone', () => {
    const body = '{"proxy":"http://user-7f3a:p4ss@resi.proxy.example:5959/","site":"https://x.example/a@b","email":"a@b.example"}'
    const out = redactBody(body)
    expect(out).not.toContain('p4ss')
    expect(out).not.toContain('user-7f3a')
    expect(out).toContain(`http://${REDACTED}@resi.proxy.example:5959/`)
    expect(out).toContain('https://x.example/a@b')
    expect(out).toContain('"a@b.example"')
  })

  it("keeps a Refract checkout's proxy credentials (its documented Proxy Details field) out of the delivery log", async () => {
    const { createPayhooks } = await import('../../src/create-payhooks.js')
    const { refractTestKit } = await import('../../src/providers/refract/test-kit.js')
    const { toRequest } = await import('../../src/testing/types.js')
    const token = 'rf-redact-proxy-token-5e1'
    const hooks = createPayhooks({ providers: [refract({ token })] })
    const signed = await refractTestKit.sign(refractTestKit.samples.completed(), { secret: token })
    expect(signed.body).toContain('p4ss@resi.proxy.example')
    expect((await hooks.handle('refract', toRequest(signed))).status).toBe(204)
    const [delivery] = await hooks.deliveries({ limit: 1 })
    expect(delivery?.outcome).toBe('applied')
    expect(JSON.stringify(delivery)).not.toContain('p4ss')
    expect(delivery?.body).toContain(`${REDACTED}@resi.proxy.example`)
    await hooks.close()
  })
})
