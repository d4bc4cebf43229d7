import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readBodyText, readHeader, readJsonBody, readLastPathSegment, readQueryParam } from '../../src/core/request.js'
import { WebhookError } from '../../src/core/webhook-error.js'

describe('readHeader', () => {
  it('reads a Headers instance case-insensitively', () => {
    const headers = new Headers({ 'X-DataMart-Signature': 'abc' })
    expect(readHeader(headers, 'x-datamart-signature')).toBe('abc')
  })

  it('reads plain objects in any case, and the first of repeated values', () => {
    expect(readHeader({ 'x-callback-token': 't' }, 'x-callback-token')).toBe('t')
    expect(readHeader({ 'X-Callback-Token': 'T' }, 'x-callback-token')).toBe('T')
    expect(readHeader({ 'x-callback-token': ['first', 'second'] }, 'x-callback-token')).toBe('first')
    expect(readHeader({}, 'x-callback-token')).toBeUndefined()
  })
})

describe('readBodyText', () => {
  it('decodes bytes as UTF-8', () => {
    expect(readBodyText({ body: new TextEncoder().encode('{"a":"₵"}'), headers: {} }, 'datamart')).toBe('{"a":"₵"}')
  })

  it.each([
    ['a parsed object', { event: 'order.completed' }, 'a object'],
    ['undefined', undefined, 'empty'],
  ])('refuses %s with PAYLOAD_NOT_RAW and a hint per framework', (_label, body, what) => {
    let caught: unknown
    try {
      readBodyText({ body: body as unknown as string, headers: {} }, 'datamart')
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(WebhookError)
    const error = caught as WebhookError
    expect(error).toMatchObject({ code: 'PAYLOAD_NOT_RAW', status: 400, provider: 'datamart' })
    expect(error.message).toContain(what)
    expect(error.hint).toMatch(/Express/)
    expect(error.hint).toMatch(/Fastify/)
    expect(error.hint).toMatch(/Next\.js/)
  })
})

describe('readJsonBody', () => {
  it('parses once per request: a second read returns the same object', () => {
    const req = { body: '{"a":1}', headers: {} }
    expect(readJsonBody(req, 'midtrans')).toBe(readJsonBody(req, 'midtrans'))
  })

  it('re-parses when the body was replaced', () => {
    const req = { body: '{"a":1}', headers: {} }
    readJsonBody(req, 'midtrans')
    req.body = '{"a":2}'
    expect(readJsonBody(req, 'midtrans')).toEqual({ a: 2 })
  })

  it('refuses a body nested past MAX_JSON_DEPTH with PAYLOAD_INVALID, every time it is read', () => {
    const req = { body: `{"data":${'['.repeat(5_000)}${']'.repeat(5_000)}}`, headers: {} }
    for (let read = 0; read < 2; read++) {
      expect(() => readJsonBody(req, 'datamart')).toThrowError(
        expect.objectContaining({ code: 'PAYLOAD_INVALID', provider: 'datamart', path: expect.stringMatching(/^data\.0\.0/) }),
      )
    }
  })

  it('says the body is empty when it is', () => {
    expect(() => readJsonBody({ body: '', headers: {} }, 'midtrans')).toThrowError(
      expect.objectContaining({ code: 'PAYLOAD_INVALID_JSON', hint: expect.stringMatching(/empty/) }),
    )
  })
})

describe('URL parts', () => {
  it('reads a query parameter from a path or a full URL', () => {
    expect(readQueryParam({ body: '', headers: {}, url: '/webhooks/azampay?token=a%20b' }, 'token')).toBe('a b')
    expect(readQueryParam({ body: '', headers: {}, url: 'https://shop.example/cb?token=x' }, 'token')).toBe('x')
    expect(readQueryParam({ body: '', headers: {} }, 'token')).toBeUndefined()
  })

  it('reads the last non-empty path segment, decoded', () => {
    expect(readLastPathSegment({ body: '', headers: {}, url: '/webhooks/refract/t%2Fok/' })).toBe('t/ok')
    expect(readLastPathSegment({ body: '', headers: {}, url: '/' })).toBeUndefined()
  })

  it('reads a query after a host with no path, and a query that starts with a second ?', () => {
    expect(readQueryParam({ body: '', headers: {}, url: 'https://shop.example?token=x' }, 'token')).toBe('x')
    expect(readQueryParam({ body: '', headers: {}, url: '/cb??token=x' }, 'token')).toBe('x')
    expect(readQueryParam({ body: '', headers: {}, url: '/cb?%74oken=x&token=y' }, 'token')).toBe('x')
    expect(readQueryParam({ body: '', headers: {}, url: '/cb#?token=x' }, 'token')).toBeUndefined()
  })

  it('takes a scheme only at the start: a URL inside the query is not the path', () => {
    expect(readLastPathSegment({ body: '', headers: {}, url: '/webhooks/refract?next=https://x/evil' })).toBe('refract')
    expect(readLastPathSegment({ body: '', headers: {}, url: 'https://shop.example' })).toBeUndefined()
    // node:http hands `//x` over as a path, not a host.
    expect(readLastPathSegment({ body: '', headers: {}, url: '//tok' })).toBe('tok')
  })

  it('skips the route segment it is told is no token, in any case', () => {
    expect(readLastPathSegment({ body: '', headers: {}, url: '/webhooks/Refract/' }, 'refract')).toBeUndefined()
    expect(readLastPathSegment({ body: '', headers: {}, url: '/webhooks/refract/t' }, 'refract')).toBe('t')
  })
})

describe('readJsonBody caches one parse per request', () => {
  it('parses once for the same request, again for a new request with the same body, and again when the body changes', () => {
    const body = '{"order":"A-1"}'
    const incoming = { headers: {}, url: '/webhooks/x' }
    const first = { ...incoming, body }
    const json = readJsonBody(first, 'datamart')
    expect(readJsonBody(first, 'datamart')).toBe(json)
    // A redelivery of the same bytes is another request: its own object, so no event shares a raw payload.
    const second = { ...incoming, body }
    const again = readJsonBody(second, 'datamart')
    expect(again).toEqual(json)
    expect(again).not.toBe(json)
    second.body = '{"order":"A-2"}'
    expect(readJsonBody(second, 'datamart')).toEqual({ order: 'A-2' })
  })

  it('leaves the request object untouched (no cache property on it) and works on frozen requests', () => {
    const req = Object.freeze({ headers: {}, body: '{"a":1}' })
    expect(readJsonBody(req, undefined)).toEqual({ a: 1 })
    expect(Reflect.ownKeys(req)).toEqual(['headers', 'body'])
  })
})

describe('query and path decoding fast paths agree with URLSearchParams and decodeURIComponent', () => {
  const piece = fc.array(fc.constantFrom('a', 'Z', '0', '+', '%', '%2B', '%20', '%E2%82%B5', '%C3', '%ZZ', '%e2%82', ' ', '~', 'ñ', '₵'), { maxLength: 8 }).map((parts) => parts.join(''))

  it('readQueryParam decodes like URLSearchParams, bad escapes included', () => {
    fc.assert(fc.property(piece, (raw) => {
      expect(readQueryParam({ headers: {}, body: '', url: `/cb?token=${raw}` }, 'token')).toBe(new URLSearchParams(`token=${raw}`).get('token'))
    }), { numRuns: 2000 })
  })

  it('readLastPathSegment decodes like decodeURIComponent, keeping undecodable segments as sent', () => {
    const reference = (raw: string) => {
      try {
        return decodeURIComponent(raw)
      } catch {
        return raw
      }
    }
    fc.assert(fc.property(piece.filter((raw) => raw !== '' && !raw.includes('/')), (raw) => {
      expect(readLastPathSegment({ headers: {}, body: '', url: `/webhooks/${raw}` })).toBe(reference(raw))
    }), { numRuns: 2000 })
  })
})
