import type { ProviderName } from './event.js'
import { WebhookError } from './webhook-error.js'

/**
 * How deep a webhook body may nest objects and arrays (the root container is level 1). Documented
 * payloads nest 3 levels (ClickPesa `data.customer`, Midtrans `va_numbers[]`) to 5 (a Discord embed
 * field); 32 leaves room for merchant-defined echoes (Midtrans `metadata`, AzamPay
 * `additionalProperties`). Recursive walks of a parsed body (JSON.stringify, structuredClone, ClickPesa's
 * key sort, a host's own code on `event.raw`) overflow the stack somewhere between ~1 900 and ~5 500
 * levels in Node 20, less on a deep call stack or a small worker stack; 32 is far from all of them, so
 * any walk of a body that passed this bound may recurse.
 */
export const MAX_JSON_DEPTH = 32

/** Longest key shown per path segment: keys come from the request and may be huge. */
const MAX_SEGMENT_LENGTH = 32

/**
 * Nesting depth can never exceed the number of `{` and `[` in the text (those inside strings only add
 * to the count), so a body with few of them needs no walk. Two native scans: tens of nanoseconds on a
 * 2 kB body, where a character-by-character scan costs more than JSON.parse itself.
 */
function mayNestDeeperThanLimit(text: string): boolean {
  let openers = 0
  for (let at = text.indexOf('{'); at !== -1; at = text.indexOf('{', at + 1)) if (++openers > MAX_JSON_DEPTH) return true
  for (let at = text.indexOf('['); at !== -1; at = text.indexOf('[', at + 1)) if (++openers > MAX_JSON_DEPTH) return true
  return false
}

/**
 * The path to the first container nested deeper than MAX_JSON_DEPTH, or undefined. Recurses at most
 * MAX_JSON_DEPTH + 1 frames and visits each value once; the path is built only on the way out of a
 * failure.
 */
function tooDeepAt(value: unknown, depth: number): string[] | undefined {
  if (value === null || typeof value !== 'object') return undefined
  if (depth > MAX_JSON_DEPTH) return []
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const path = tooDeepAt(value[i], depth + 1)
      if (path !== undefined) return [String(i), ...path]
    }
    return undefined
  }
  const record = value as Record<string, unknown>
  for (const key of Object.keys(record)) {
    const path = tooDeepAt(record[key], depth + 1)
    if (path !== undefined) return [key.length > MAX_SEGMENT_LENGTH ? `${key.slice(0, MAX_SEGMENT_LENGTH)}…` : key, ...path]
  }
  return undefined
}

/**
 * Refuses a parsed body nested deeper than MAX_JSON_DEPTH with PAYLOAD_INVALID, before anything walks
 * it. `text` is the JSON it was parsed from (JSON.parse itself is iterative in V8 and does not overflow).
 */
export function assertJsonDepth(json: unknown, text: string, provider: ProviderName | undefined): void {
  if (!mayNestDeeperThanLimit(text)) return
  // The root is level 1, so the path of a container past the limit is never empty.
  const path = tooDeepAt(json, 1)?.join('.')
  if (path === undefined) return
  throw new WebhookError('PAYLOAD_INVALID', `The request body nests objects or arrays deeper than ${MAX_JSON_DEPTH} levels (at ${path}).`, {
    provider,
    path,
    hint:
      `No documented webhook nests more than a few levels; payhooks refuses bodies deeper than ${MAX_JSON_DEPTH} before ` +
      'reading them further. A request from another service, or a forgery, fails here.',
  })
}
