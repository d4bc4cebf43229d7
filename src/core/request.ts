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

// Kept on the request object itself: a WeakMap entry per request costs as much as the JSON.parse it saves.
const PARSED_BODY = Symbol('payhooks.parsedBody')
type WithParsedBody = WebhookRequest & { [PARSED_BODY]?: { body: WebhookRequest['body']; json: unknown } }

/**
 * The body parsed as JSON. Cached per request so that verifySignature and parse on the same request
 * parse once (the engine always calls both). A body nested deeper than MAX_JSON_DEPTH is refused here,
 * so no adapter ever walks one, verified or not.
 */
export function readJsonBody(req: WebhookRequest, provider: ProviderName | undefined): unknown {
  const cached = (req as WithParsedBody)[PARSED_BODY]
  if (cached !== undefined && cached.body === req.body) return cached.json
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
  ;(req as WithParsedBody)[PARSED_BODY] = { body: req.body, json }
  return json
}

// Split by hand rather than with new URL(): this runs on every AzamPay and Refract delivery and the
// URL parser costs more than the rest of verification.
function pathAndQuery(url: string | undefined): { path: string; query: string } | undefined {
  if (url === undefined || url === '') return undefined
  let rest = url
  const scheme = rest.indexOf('://')
  if (scheme !== -1) {
    const slash = rest.indexOf('/', scheme + 3)
    rest = slash === -1 ? '/' : rest.slice(slash)
  }
  const hash = rest.indexOf('#')
  if (hash !== -1) rest = rest.slice(0, hash)
  const question = rest.indexOf('?')
  return question === -1 ? { path: rest, query: '' } : { path: rest.slice(0, question), query: rest.slice(question + 1) }
}

export function readQueryParam(req: WebhookRequest, name: string): string | undefined {
  const parts = pathAndQuery(req.url)
  if (parts === undefined || parts.query === '') return undefined
  return new URLSearchParams(parts.query).get(name) ?? undefined
}

/** The path's last non-empty segment, decoded. */
export function readLastPathSegment(req: WebhookRequest): string | undefined {
  const path = pathAndQuery(req.url)?.path
  if (path === undefined) return undefined
  const segments = path.split('/').filter((s) => s !== '')
  const last = segments[segments.length - 1]
  if (last === undefined) return undefined
  try {
    return decodeURIComponent(last)
  } catch {
    return last
  }
}
