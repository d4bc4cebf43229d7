import type { SensitiveParts } from '../core/adapter.js'
import { locateLastPathSegment, locateQueryParam, type HeadersLike, type UrlSpan } from '../core/request.js'

export const REDACTED = '[redacted]'

/** Credentials of any service, whatever the provider: never logged. */
const ALWAYS_SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie'])
/**
 * Headers in which proxies and platforms repeat the request URL. For a provider whose secret travels
 * in the URL they carry it too, so they get the URL's redaction.
 */
const URL_ECHO_HEADERS = new Set(['referer', 'x-original-url', 'x-original-uri', 'x-rewrite-url', 'x-forwarded-uri', 'x-forwarded-path', 'x-envoy-original-path'])
const MAX_LOGGED_BODY = 64 * 1024

const NONE: SensitiveParts = { bodyFields: [], headers: [], queryParams: [], pathToken: false }

/**
 * What is hidden for a request routed to no registered provider: the path's last segment (it may be a
 * token), and every header and query parameter any registered provider treats as secret (the caller
 * drops the request's query; URLs repeated in headers keep theirs).
 */
export function unknownProviderSensitive(registered: Iterable<{ readonly sensitive: SensitiveParts }>): SensitiveParts {
  const headers = new Set<string>()
  const queryParams = new Set<string>()
  for (const { sensitive } of registered) {
    for (const name of sensitive.headers) headers.add(name)
    for (const name of sensitive.queryParams) queryParams.add(name)
  }
  return { bodyFields: [], headers: [...headers], queryParams: [...queryParams], pathToken: true }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

const JSON_VALUE = '("(?:[^"\\\\]|\\\\.)*"|[^,}\\s]+)'
const fieldPatterns = new Map<string, RegExp>()
/** Matches `"field": "value"` (or a non-string value) anywhere in the text, even in broken JSON. */
function fieldPattern(field: string): RegExp {
  let pattern = fieldPatterns.get(field)
  if (pattern === undefined) {
    pattern = new RegExp(`("${escapeRegExp(field)}"\\s*:\\s*)${JSON_VALUE}`, 'g')
    fieldPatterns.set(field, pattern)
  }
  return pattern
}
/**
 * Any `"key": value`, for keys written with escapes: `"pass\u0077ord"` is `password` to JSON.parse.
 * Linear: each attempt scans one string to its closing quote.
 */
const ANY_FIELD = new RegExp(`"((?:[^"\\\\]|\\\\.)*)"(\\s*:\\s*)${JSON_VALUE}`, 'g')

function decodedKey(escaped: string): string | undefined {
  try {
    return JSON.parse(`"${escaped}"`) as string
  } catch {
    return undefined
  }
}

/**
 * The body as logged: secret fields replaced by text substitution rather than parse-and-print, so the
 * log shows exactly what arrived (whitespace, field order, even invalid JSON) minus the secrets.
 * Redacted before it is cut to size, so a cut never splits a secret out of its field.
 */
/**
 * `scheme://user:password@host` anywhere in a body (a Refract checkout's proxy URL, a callback URL a
 * provider echoes): the user-info is a credential whatever the provider, so it never reaches the log.
 */
const URL_USERINFO = /(\b[a-z][a-z0-9+.-]*:\/\/)[^\s/?#@"'\\<>]+@/gi

export function redactBody(text: string, sensitive: SensitiveParts = NONE): string {
  // Bodies without '://' skip the regex: most deliveries carry no URL at all.
  let out = text.includes('://') ? text.replace(URL_USERINFO, `$1${REDACTED}@`) : text
  if (sensitive.bodyFields.length > 0) {
    for (const field of sensitive.bodyFields) out = out.replace(fieldPattern(field), `$1"${REDACTED}"`)
    if (out.includes('\\')) {
      out = out.replace(ANY_FIELD, (match, key: string, colon: string) => {
        const name = key.includes('\\') ? decodedKey(key) : undefined
        return name !== undefined && sensitive.bodyFields.includes(name) ? `"${key}"${colon}"${REDACTED}"` : match
      })
    }
  }
  return out.length > MAX_LOGGED_BODY ? `${out.slice(0, MAX_LOGGED_BODY)}…[truncated]` : out
}

export function redactHeaders(headers: HeadersLike | undefined, sensitive: SensitiveParts = NONE, providerName?: string): Record<string, string> {
  const out: Record<string, string> = {}
  if (headers === undefined || headers === null) return out
  const urlCarriesSecret = sensitive.pathToken || sensitive.queryParams.length > 0
  const entries: Iterable<[string, unknown]> =
    typeof (headers as Headers).entries === 'function' && typeof (headers as Headers).get === 'function'
      ? (headers as Headers).entries()
      : Object.entries(headers)
  for (const [rawName, rawValue] of entries) {
    if (rawValue === undefined) continue
    const name = rawName.toLowerCase()
    const value = Array.isArray(rawValue) ? rawValue.join(', ') : String(rawValue)
    if (ALWAYS_SECRET_HEADERS.has(name) || sensitive.headers.includes(name)) out[name] = REDACTED
    else if (urlCarriesSecret && URL_ECHO_HEADERS.has(name)) out[name] = redactUrl(value, sensitive, providerName) ?? ''
    else out[name] = value
  }
  return out
}

/**
 * Path and query with token-bearing parts replaced, and the fragment dropped (no HTTP client sends one,
 * and nothing reads it). The parts are found by the very functions verification reads them with
 * (locateLastPathSegment, locateQueryParam), so the log hides exactly what a token check looks at,
 * whatever the URL's form: trailing or doubled slashes, a query after a trailing slash, escapes.
 */
export function redactUrl(url: string | undefined, sensitive: SensitiveParts = NONE, providerName?: string): string | null {
  if (url === undefined || url === '') return null
  // Most providers carry no secret in the URL, and most URLs have no query: leave those untouched, which
  // is also the cheapest.
  if (!sensitive.pathToken && (sensitive.queryParams.length === 0 || (!url.includes('?') && !url.includes('#')))) return url
  const spans: UrlSpan[] = []
  if (sensitive.pathToken) {
    const segment = locateLastPathSegment(url, providerName)
    if (segment !== undefined) spans.push(segment)
  }
  for (const name of sensitive.queryParams) {
    for (const value of locateQueryParam(url, name)) if (value.end > value.start) spans.push(value)
  }
  const hash = url.indexOf('#')
  const end = hash === -1 ? url.length : hash
  spans.sort((a, b) => a.start - b.start)
  let out = ''
  let at = 0
  for (const span of spans) {
    out += url.slice(at, span.start) + REDACTED
    at = span.end
  }
  return out + url.slice(at, end)
}
