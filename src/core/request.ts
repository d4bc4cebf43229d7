import type { ProviderName } from './event.js'
import { assertJsonDepth } from './json-depth.js'
import { WebhookError } from './webhook-error.js'

export type HeadersLike = Headers | Record<string, string | string[] | undefined>

/** What every adapter takes: the raw request, from any framework. */
export interface WebhookRequest {
  /** The raw body exactly as received. A parsed object is refused with PAYLOAD_NOT_RAW. */
  body: string | Uint8Array
  headers: HeadersLike
  /** Path and query (or a full URL); carries the token for AzamPay and Refract. */
  url?: string | undefined
  method?: string | undefined
}

export const RAW_BODY_HINT =
  'Pass the raw request body (string or Buffer), not parsed JSON. ' +
  "Express: use payhooks/express or express.raw({ type: '*/*' }) on this route. " +
  "Fastify: use payhooks/fastify or addContentTypeParser('application/json', { parseAs: 'buffer' }, …). " +
  'Next.js / fetch: await request.text().'

const utf8 = new TextDecoder()

/** The body as text; refuses anything that is not the raw body. */
export function readBodyText(req: WebhookRequest, provider: ProviderName | undefined): string {
  const { body } = req
  if (typeof body === 'string') return body
  if (body instanceof Uint8Array) return utf8.decode(body)
  const what = body === undefined || body === null ? 'empty' : `a ${typeof body}`
  throw new WebhookError('PAYLOAD_NOT_RAW', `The request body is ${what}, not the raw body.`, {
    provider,
    hint: RAW_BODY_HINT,
  })
}

/** A header by lower-case name, from a Headers instance or a plain object in any case. */
export function readHeader(headers: HeadersLike | undefined, name: string): string | undefined {
  if (headers === undefined || headers === null) return undefined
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined
  const record = headers as Record<string, string | string[] | undefined>
  let value = record[name]
  if (value === undefined) {
    for (const key in record) {
      if (key.toLowerCase() === name) {
        value = record[key]
        break
      }
    }
  }
  return Array.isArray(value) ? value[0] : value
}

/**
 * The last body parsed, and the request it came from, so that verifySignature and parse on the same
 * request parse once: the engine calls them back to back, with only microtasks between them. One slot
 * rather than a property on the request or a WeakMap: adding a property to a request built by spreading
 * (`{ ...req, body }`, as the HTTP glue does) sends V8 down a slow path (~900 ns per request), and a
 * WeakMap entry per request doubled the time spent in GC (ephemeron tables; measured with --cpu-prof).
 * When deliveries do interleave (WebCrypto's thread-pool hop in Node), a miss only costs a second
 * JSON.parse. The slot holds one request until the next one is parsed.
 */
let lastParsed: { req: WebhookRequest; body: WebhookRequest['body']; json: unknown } | undefined

/**
 * The body parsed as JSON. Cached per request so that verifySignature and parse on the same request
 * parse once (the engine always calls both). A body nested deeper than MAX_JSON_DEPTH is refused here,
 * so no adapter ever walks one, verified or not.
 */
export function readJsonBody(req: WebhookRequest, provider: ProviderName | undefined): unknown {
  if (lastParsed !== undefined && lastParsed.req === req && lastParsed.body === req.body) return lastParsed.json
  const text = readBodyText(req, provider)
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (cause) {
    throw new WebhookError('PAYLOAD_INVALID_JSON', 'The request body is not valid JSON.', {
      provider,
      hint:
        text.trim() === ''
          ? 'The body is empty: make sure nothing read the request stream before payhooks.'
          : 'Check that the route receives the body unmodified (no form parsing, no re-encoding).',
      cause,
    })
  }
  assertJsonDepth(json, text, provider)
  lastParsed = { req, body: req.body, json }
  return json
}

/** Where a part of a URL string lies: `url.slice(start, end)`. */
export interface UrlSpan {
  start: number
  end: number
}

const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//

/**
 * Where the path and the query of a path-and-query or a full URL lie. Split by hand rather than with
 * new URL(): this runs on every AzamPay and Refract delivery and the URL parser costs more than the rest
 * of verification. It is also the one reading of a URL that verification and the delivery log's
 * redaction share (redactUrl hides exactly the spans read here), so nothing else may normalize it: no
 * dot segments, backslashes or tabs are resolved, and `//x` is a path, as node:http hands it over.
 */
function urlLayout(url: string): { pathStart: number; pathEnd: number; queryStart: number; queryEnd: number } {
  let pathStart = 0
  const scheme = SCHEME.exec(url)
  if (scheme !== null) {
    // The authority ends at the first '/', '?' or '#'.
    pathStart = scheme[0].length
    while (pathStart < url.length) {
      const c = url.charCodeAt(pathStart)
      if (c === 47 || c === 63 || c === 35) break
      pathStart++
    }
  }
  const hash = url.indexOf('#', pathStart)
  const end = hash === -1 ? url.length : hash
  const question = url.indexOf('?', pathStart)
  if (question === -1 || question > end) return { pathStart, pathEnd: end, queryStart: -1, queryEnd: end }
  return { pathStart, pathEnd: question, queryStart: question + 1, queryEnd: end }
}

/**
 * Query-string decoding exactly as URLSearchParams does it ('+' is a space, bad escapes kept). Only a
 * value with an escape or a '+' gets here (URLSearchParams for that one value measured no slower than
 * decodeURIComponent with a fallback, so it stays).
 */
function decodeQueryComponent(raw: string): string {
  if (!raw.includes('%') && !raw.includes('+')) return raw
  return new URLSearchParams(`v=${raw}`).get('v') ?? raw
}

function decodePathSegment(raw: string): string {
  // Most tokens are not percent-encoded: skipping decodeURIComponent for them saves ~140 ns per delivery.
  if (!raw.includes('%')) return raw
  try {
    return decodeURIComponent(raw)
  } catch {
    return raw
  }
}

/**
 * The span of the path's last non-empty segment (trailing and doubled slashes are skipped), unless
 * that segment, decoded, is `except` in any case: the route's own name, which is no token.
 */
export function locateLastPathSegment(url: string | undefined, except?: string): UrlSpan | undefined {
  if (url === undefined || url === '') return undefined
  const { pathStart, pathEnd } = urlLayout(url)
  let end = pathEnd
  while (end > pathStart && url.charCodeAt(end - 1) === 47) end--
  if (end === pathStart) return undefined
  const start = Math.max(pathStart, url.lastIndexOf('/', end - 1) + 1)
  if (except !== undefined && decodePathSegment(url.slice(start, end)).toLowerCase() === except.toLowerCase()) return undefined
  return { start, end }
}

/**
 * The spans of the values of every query pair whose decoded name is `name`, in order (a pair without
 * `=` has an empty span at its end). Pairs are split as URLSearchParams splits them, a leading `?` of
 * the query included (`/cb??token=x` carries `token`).
 */
export function locateQueryParam(url: string | undefined, name: string): UrlSpan[] {
  if (url === undefined || url === '') return []
  const { queryStart, queryEnd } = urlLayout(url)
  if (queryStart === -1) return []
  const spans: UrlSpan[] = []
  let at = url.charCodeAt(queryStart) === 63 ? queryStart + 1 : queryStart
  while (at < queryEnd) {
    let amp = url.indexOf('&', at)
    if (amp === -1 || amp > queryEnd) amp = queryEnd
    let equals = url.indexOf('=', at)
    if (equals === -1 || equals > amp) equals = amp
    if (amp > at && decodeQueryComponent(url.slice(at, equals)) === name) spans.push({ start: equals === amp ? amp : equals + 1, end: amp })
    at = amp + 1
  }
  return spans
}

/** The first value of a query parameter, decoded, or undefined when the URL has none. */
export function readQueryParam(req: WebhookRequest, name: string): string | undefined {
  const first = locateQueryParam(req.url, name)[0]
  return first === undefined ? undefined : decodeQueryComponent((req.url as string).slice(first.start, first.end))
}

/** The path's last non-empty segment, decoded (see locateLastPathSegment for `except`). */
export function readLastPathSegment(req: WebhookRequest, except?: string): string | undefined {
  const span = locateLastPathSegment(req.url, except)
  return span === undefined ? undefined : decodePathSegment((req.url as string).slice(span.start, span.end))
}
