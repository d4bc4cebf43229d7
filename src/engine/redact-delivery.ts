import type { SensitiveParts } from '../core/adapter.js'
import type { HeadersLike } from '../core/request.js'

export const REDACTED = '[redacted]'

/** Credentials of any service, whatever the provider: never logged. */
const ALWAYS_SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie'])
const MAX_LOGGED_BODY = 64 * 1024

const NONE: SensitiveParts = { bodyFields: [], headers: [], queryParams: [], pathToken: false }

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

const fieldPatterns = new Map<string, RegExp>()
/** Matches `"field": "value"` (or a non-string value) anywhere in the text, even in broken JSON. */
function fieldPattern(field: string): RegExp {
  let pattern = fieldPatterns.get(field)
  if (pattern === undefined) {
    pattern = new RegExp(`("${escapeRegExp(field)}"\\s*:\\s*)("(?:[^"\\\\]|\\\\.)*"|[^,}\\s]+)`, 'g')
    fieldPatterns.set(field, pattern)
  }
  return pattern
}

/**
 * The body as logged: secret fields replaced by text substitution rather than parse-and-print, so the
 * log shows exactly what arrived (whitespace, field order, even invalid JSON) minus the secrets.
 */
export function redactBody(text: string, sensitive: SensitiveParts = NONE): string {
  let out = text.length > MAX_LOGGED_BODY ? `${text.slice(0, MAX_LOGGED_BODY)}…[truncated]` : text
  for (const field of sensitive.bodyFields) out = out.replace(fieldPattern(field), `$1"${REDACTED}"`)
  return out
}

export function redactHeaders(headers: HeadersLike | undefined, sensitive: SensitiveParts = NONE): Record<string, string> {
  const out: Record<string, string> = {}
  if (headers === undefined || headers === null) return out
  const entries: Iterable<[string, unknown]> =
    typeof (headers as Headers).entries === 'function' && typeof (headers as Headers).get === 'function'
      ? (headers as Headers).entries()
      : Object.entries(headers)
  for (const [rawName, rawValue] of entries) {
    if (rawValue === undefined) continue
    const name = rawName.toLowerCase()
    const value = Array.isArray(rawValue) ? rawValue.join(', ') : String(rawValue)
    out[name] = ALWAYS_SECRET_HEADERS.has(name) || sensitive.headers.includes(name) ? REDACTED : value
  }
  return out
}

/** Path and query with token-bearing parts replaced. */
export function redactUrl(url: string | undefined, sensitive: SensitiveParts = NONE, providerName?: string): string | null {
  if (url === undefined || url === '') return null
  // Most providers carry no secret in the URL: skip the URL parser, which costs more than the rest of the log entry.
  if (!sensitive.pathToken && (sensitive.queryParams.length === 0 || !url.includes('?'))) return url
  let parsed: URL
  try {
    parsed = new URL(url, 'http://localhost')
  } catch {
    return REDACTED
  }
  for (const name of sensitive.queryParams) {
    if (parsed.searchParams.has(name)) parsed.searchParams.set(name, REDACTED)
  }
  if (sensitive.pathToken) {
    const segments = parsed.pathname.split('/')
    const last = segments.length - 1
    if (segments[last] !== '' && segments[last] !== providerName) segments[last] = REDACTED
    parsed.pathname = segments.join('/')
  }
  const path = `${parsed.pathname}${parsed.search}`.replaceAll(encodeURIComponent(REDACTED), REDACTED)
  return /^https?:\/\//.test(url) ? `${parsed.origin}${path}` : path
}
