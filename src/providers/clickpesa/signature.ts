import type { VerifyResult } from '../../core/adapter.js'
import { readHeader, readJsonBody, type WebhookRequest } from '../../core/request.js'
import { matchAnyHmacSha256Hex } from '../../core/secrets.js'
import { WebhookError } from '../../core/webhook-error.js'

/** How the checksum was computed. 'auto' tries canonical, then legacy, unless the body names one. */
export const CLICKPESA_CHECKSUM_METHODS = ['canonical', 'legacy', 'auto'] as const
export type ClickpesaChecksumMethod = (typeof CLICKPESA_CHECKSUM_METHODS)[number]
type ChecksumAlgorithm = Exclude<ClickpesaChecksumMethod, 'auto'>

export const CLICKPESA_CHECKSUM_FIELD = 'checksum'
const CHECKSUM_METHOD_FIELD = 'checksumMethod'
/**
 * Where the webhook checksum travels is undocumented (providers.md §3.3): the body field is the likely
 * place; third-party handlers read these two headers. Body first, then the headers in this order.
 */
export const CLICKPESA_CHECKSUM_HEADERS = ['x-clickpesa-checksum', 'x-clickpesa-signature'] as const

const TRY_CANONICAL: readonly ChecksumAlgorithm[] = ['canonical']
const TRY_LEGACY: readonly ChecksumAlgorithm[] = ['legacy']
const TRY_BOTH: readonly ChecksumAlgorithm[] = ['canonical', 'legacy']

type JsonRecord = Record<string, unknown>

function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Above this many keys the native sort wins; below, an insertion sort skips its comparator calls. */
const INSERTION_SORT_MAX_KEYS = 16

/** The keys in UTF-16 code-unit order, the order `Array.prototype.sort()` gives strings. */
function sortedKeys(record: JsonRecord): string[] {
  const keys = Object.keys(record)
  if (keys.length > INSERTION_SORT_MAX_KEYS) return keys.sort()
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i] as string
    let j = i - 1
    for (; j >= 0 && (keys[j] as string) > key; j--) keys[j + 1] = keys[j] as string
    keys[j + 1] = key
  }
  return keys
}

/**
 * A copy with the keys in sorted order, built exactly like ClickPesa's JS reference
 * (`Object.keys(obj).sort().reduce((acc, key) => { acc[key] = …; return acc }, {})`), so that even
 * its JSON.stringify quirks (integer-like keys serialized first, in numeric order) are reproduced.
 */
function sortedCopy(record: JsonRecord, map: (value: unknown) => unknown, dropChecksumFields: boolean): JsonRecord {
  const sorted: JsonRecord = {}
  const keys = sortedKeys(record)
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string
    if (dropChecksumFields && (key === CLICKPESA_CHECKSUM_FIELD || key === CHECKSUM_METHOD_FIELD)) continue
    sorted[key] = map(record[key])
  }
  return sorted
}

/**
 * Recursive, and bounded: the payload comes from readJsonBody, which refuses anything nested deeper
 * than MAX_JSON_DEPTH (32) before this runs, so a hostile body cannot exhaust the stack here.
 */
function canonicalize(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value
  if (!Array.isArray(value)) return sortedCopy(value as JsonRecord, canonicalize, false)
  const copy = new Array<unknown>(value.length)
  for (let i = 0; i < value.length; i++) copy[i] = canonicalize(value[i])
  return copy
}

const identity = (value: unknown) => value

/**
 * The canonical signed text (ClickPesa's default since January 2026, §3.3): the payload without
 * `checksum`/`checksumMethod`, object keys sorted at every depth (arrays keep their order), compact
 * JSON as JS writes it (non-ASCII characters unescaped).
 */
export function clickpesaCanonicalText(payload: JsonRecord): string {
  return JSON.stringify(sortedCopy(payload, canonicalize, true))
}

/**
 * The legacy signed text (§3.3): the top-level values in key order, joined with nothing, as JS's
 * `Object.values(sorted).join('')` does. WEAK for webhooks: a nested object contributes the constant
 * "[object Object]", so for `{ event, data }` only the event name is signed, and a legacy checksum seen
 * once authenticates any `data` under that event name. Only for applications not yet migrated.
 */
export function clickpesaLegacyText(payload: JsonRecord): string {
  return Object.values(sortedCopy(payload, identity, true)).join('')
}

const SIGNED_TEXT: Record<ChecksumAlgorithm, (payload: JsonRecord) => string> = {
  canonical: clickpesaCanonicalText,
  legacy: clickpesaLegacyText,
}

/** The checksum ClickPesa sent: the body field, else one of the headers; lower-cased hex. */
function readChecksum(req: WebhookRequest, payload: JsonRecord): string | undefined {
  const field = payload[CLICKPESA_CHECKSUM_FIELD]
  const given =
    typeof field === 'string' && field.trim() !== ''
      ? field
      : readHeader(req.headers, CLICKPESA_CHECKSUM_HEADERS[0]) ?? readHeader(req.headers, CLICKPESA_CHECKSUM_HEADERS[1])
  const checksum = given?.trim().toLowerCase()
  return checksum === '' ? undefined : checksum
}

function algorithmsFor(method: ClickpesaChecksumMethod, declared: unknown): readonly ChecksumAlgorithm[] {
  if (method === 'canonical') return TRY_CANONICAL
  if (method === 'legacy') return TRY_LEGACY
  // ClickPesa's own validator reads the body's checksumMethod to choose the algorithm (§3.3).
  if (declared === 'canonical') return TRY_CANONICAL
  if (declared === 'legacy') return TRY_LEGACY
  return TRY_BOTH
}

/**
 * ClickPesa's checksum: lower-case hex HMAC-SHA256, keyed with the application's checksum key, of the
 * canonical (or legacy) text of the parsed payload. It is computed over parsed values, so the body's
 * whitespace and key order do not matter; its values do.
 */
export async function verifyClickpesaSignature(
  req: WebhookRequest,
  secrets: readonly string[],
  method: ClickpesaChecksumMethod,
): Promise<VerifyResult> {
  let payload: JsonRecord
  let given: string | undefined
  try {
    const json = readJsonBody(req, 'clickpesa')
    if (!isRecord(json)) return { ok: false, error: notAnObject() }
    payload = json
    given = readChecksum(req, payload)
  } catch (error) {
    return { ok: false, error: error as WebhookError }
  }
  if (given === undefined) return { ok: false, error: checksumMissing() }
  const declared = payload[CHECKSUM_METHOD_FIELD]
  const algorithms = algorithmsFor(method, declared)
  for (const algorithm of algorithms) {
    // A number in the Node build: not awaited, so no microtask (see matchAnyHmacSha256Hex).
    const found = matchAnyHmacSha256Hex(secrets, given, SIGNED_TEXT[algorithm](payload))
    if ((typeof found === 'number' ? found : await found) >= 0) {
      return { ok: true, method: algorithm }
    }
  }
  return { ok: false, error: checksumMismatch(method, algorithms, declared) }
}

function notAnObject(): WebhookError {
  return new WebhookError('PAYLOAD_INVALID', 'The ClickPesa webhook body is not a JSON object.', {
    provider: 'clickpesa',
    path: '(root)',
    hint: 'ClickPesa posts { "event": …, "data": { … } }; a request from another service posted to this URL fails here.',
  })
}

function checksumMissing(): WebhookError {
  return new WebhookError(
    'SIGNATURE_MISSING',
    'The ClickPesa webhook carries no checksum (body field checksum, header x-clickpesa-checksum or x-clickpesa-signature).',
    {
      provider: 'clickpesa',
      hint:
        'ClickPesa signs webhooks only when checksum is enabled for the application: turn it on in the ClickPesa ' +
        'dashboard and copy its checksum key. Toggling checksum invalidates the existing API tokens, so regenerate ' +
        'them afterwards. If checksum is already on, check that no proxy strips the x-clickpesa-* headers.',
    },
  )
}

const ALGORITHM_LABEL: Record<ChecksumAlgorithm, string> = {
  canonical: 'canonical (keys sorted at every depth, compact JSON)',
  legacy: 'legacy (sorted top-level values concatenated)',
}

function checksumMismatch(method: ClickpesaChecksumMethod, tried: readonly ChecksumAlgorithm[], declared: unknown): WebhookError {
  const triedText = tried.map((algorithm) => ALGORITHM_LABEL[algorithm]).join(', then ')
  let advice = ''
  if ((declared === 'canonical' || declared === 'legacy') && !tried.includes(declared)) {
    advice = `The body declares checksumMethod '${declared}', which checksumMethod: '${method}' does not try. `
  }
  if (method === 'canonical') {
    advice +=
      "If this application has not migrated to ClickPesa's January 2026 canonical checksum, pass checksumMethod: " +
      "'legacy' (or 'auto' during the migration). "
  } else if (method === 'legacy') {
    advice += "ClickPesa's default since January 2026 is the canonical checksum: try checksumMethod: 'canonical' or 'auto'. "
  }
  return new WebhookError('SIGNATURE_MISMATCH', `The ClickPesa checksum does not match the payload (tried ${triedText}).`, {
    provider: 'clickpesa',
    hint:
      advice +
      'Check that checksumKey is the checksum key of the application the webhook belongs to (not its API key or ' +
      'client id), and that the body reaches payhooks unmodified.',
  })
}
