import {
  invalidStatusResponse,
  readStatusApiBase,
  requestStatusApi,
  retryAfterMs,
  StatusApiError,
  type StatusApiBaseOptions,
  type StatusApiResponse,
  type StatusClient,
} from '../../core/status-api.js'
import { WebhookError } from '../../core/webhook-error.js'
import { midtransEvent, type MidtransStatusEvent } from './midtrans-event.js'
import { midtransPayloadSchema } from './schema.js'

/** `midtrans({ statusApi })`: where GET status is asked, with which fetch and deadline. */
export type MidtransStatusApiOptions = StatusApiBaseOptions

/** Core API base URLs (providers.md §1.7). */
export const MIDTRANS_SANDBOX_API = 'https://api.sandbox.midtrans.com'
export const MIDTRANS_PRODUCTION_API = 'https://api.midtrans.com'

const SANDBOX_SERVER_KEY = /^SB-Mid-server-/
/** Errors name the endpoint, never the order_id in its path nor the Authorization header. */
const ENDPOINT = 'GET /v2/{order_id}/status'

/** What GET status says about one order, as the event a notification with that status would give. */
export type MidtransStatusResult = { found: true; event: MidtransStatusEvent } | { found: false; message: string }

export interface MidtransStatusClient extends StatusClient {
  /** The typed answer for an order_id or a transaction_id, for verify-by-fetch. Throws StatusApiError. */
  fetchEvent(id: string, signal?: AbortSignal): Promise<MidtransStatusResult>
}

/**
 * Midtrans allows '.' in order_id, but an id of "." or ".." is a dot segment: every URL parser
 * removes it from the path (percent-encoded too), so GET status cannot be asked for it by that id.
 */
export function isDotSegment(id: string): boolean {
  return id === '.' || id === '..'
}

/** The key picks the environment: sandbox Server Keys start SB-Mid-server- (providers.md §1.2). */
function defaultBaseUrl(serverKey: string): string {
  return SANDBOX_SERVER_KEY.test(serverKey) ? MIDTRANS_SANDBOX_API : MIDTRANS_PRODUCTION_API
}

function basicAuth(serverKey: string): string {
  try {
    return `Basic ${btoa(`${serverKey}:`)}`
  } catch (cause) {
    // btoa takes Latin-1 only; the key itself is never echoed.
    throw new WebhookError('SECRET_INVALID', 'midtrans: the first serverKey has characters no Midtrans Server Key has.', {
      provider: 'midtrans',
      hint: 'Copy the Server Key again from Dashboard → Settings → Access Keys; it is plain ASCII.',
      cause,
    })
  }
}

function unauthorizedHint(serverKey: string, baseUrl: string): string {
  const key = SANDBOX_SERVER_KEY.test(serverKey) ? 'a sandbox Server Key (SB-Mid-server-)' : 'a production Server Key (Mid-server-)'
  return (
    `Midtrans refused the Server Key: "Access denied due to unauthorized transaction". The status API uses the first serverKey, ${key}, ` +
    `against ${baseUrl}. Sandbox and production keys and URLs are not interchangeable: check that the key is the current one of that ` +
    'environment (Dashboard → Settings → Access Keys) and that statusApi.baseUrl, if set, is the same environment.'
  )
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined
}

/** Midtrans' own message, bounded: it is the provider's text, shown to name the refusal. */
function quoted(message: string | undefined): string {
  return message === undefined || message === '' ? '' : ` "${message.slice(0, 120)}"`
}

/**
 * Reads one GET status answer. Midtrans answers errors in the body, under HTTP 200 too: any
 * `status_code` of 400 or more is an error (as the official SDK reads it), except 407, the answer for
 * an expired transaction, which is a status like any other (providers.md §1.7).
 */
function readAnswer(response: StatusApiResponse, serverKey: string, baseUrl: string): MidtransStatusResult {
  const { body, status: httpStatus } = response
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalidStatusResponse('midtrans', ENDPOINT, 'is not a JSON object', undefined, httpStatus)
  }
  const fields = body as Record<string, unknown>
  const codeText = text(fields.status_code)
  const code = codeText === undefined ? Number.NaN : Number(codeText)
  const message = text(fields.status_message)
  const isError = code >= 400 ? code !== 407 : Number.isNaN(code) && httpStatus >= 400
  if (code === 404 || (isError && /doesn'?t exist|not found/i.test(message ?? ''))) {
    return { found: false, message: `Midtrans has no transaction under this order_id (404${quoted(message)}): with Snap, until the customer picks a payment method.` }
  }
  if (isError) throw answeredError(code, httpStatus, message, response, serverKey, baseUrl)
  const parsed = midtransPayloadSchema.safeParse(body)
  if (!parsed.success) {
    const path = parsed.error.issues[0]?.path.map(String).join('.') || '(root)'
    throw invalidStatusResponse('midtrans', ENDPOINT, `is not a transaction (invalid at ${path})`, parsed.error, httpStatus)
  }
  const result = midtransEvent(parsed.data)
  if (!result.ok) {
    const { transactionStatus, statusCode } = result.forgery
    throw invalidStatusResponse('midtrans', ENDPOINT, `says "${transactionStatus}" with status_code ${statusCode}, which Midtrans never sends together`, undefined, httpStatus)
  }
  if (result.event.kind !== 'payment') {
    throw invalidStatusResponse('midtrans', ENDPOINT, 'reports a transaction_status, fraud_status or status_code Midtrans does not document', undefined, httpStatus)
  }
  return { found: true, event: result.event }
}

function answeredError(
  code: number,
  httpStatus: number,
  message: string | undefined,
  response: StatusApiResponse,
  serverKey: string,
  baseUrl: string,
): StatusApiError {
  const answered = Number.isNaN(code) ? `HTTP ${httpStatus}` : `status_code ${code}`
  const base = { provider: 'midtrans' as const, httpStatus }
  if (code === 401 || code === 403) {
    return new StatusApiError('STATUS_API_UNAUTHORIZED', `midtrans: ${ENDPOINT} answered ${answered}`, { ...base, hint: unauthorizedHint(serverKey, baseUrl) })
  }
  if (code === 429) {
    return new StatusApiError('STATUS_API_RATE_LIMITED', `midtrans: ${ENDPOINT} answered ${answered} (rate limited)`, {
      ...base,
      retryAfterMs: retryAfterMs(response.headers),
      hint: 'Midtrans limits how often its API may be called; payhooks waits and continues. Lower reconcile concurrency if this is frequent.',
    })
  }
  if (code >= 500) {
    return new StatusApiError('STATUS_API_UNAVAILABLE', `midtrans: ${ENDPOINT} answered ${answered}${quoted(message)}`, {
      ...base,
      hint: 'Midtrans or the bank behind it is having trouble; the record is left as it is and checked again later.',
    })
  }
  return new StatusApiError('STATUS_API_ERROR', `midtrans: ${ENDPOINT} answered ${answered}${quoted(message)}`, {
    ...base,
    hint: 'Midtrans refused the status request; its status_message says why. The record is left as it is.',
  })
}

/**
 * GET {base}/v2/{order_id}/status with `Authorization: Basic base64(serverKey + ":")` (providers.md
 * §1.7). With several Server Keys (rotation) the first one is used: it is the current key.
 */
export function createMidtransStatusClient(serverKey: string, options: MidtransStatusApiOptions = {}): MidtransStatusClient {
  const { baseUrl, fetch, timeoutMs } = readStatusApiBase(options, 'midtrans', defaultBaseUrl(serverKey))
  const headers = { authorization: basicAuth(serverKey), accept: 'application/json', 'content-type': 'application/json' }
  const hint = unauthorizedHint(serverKey, baseUrl)

  async function fetchEvent(id: string, signal?: AbortSignal): Promise<MidtransStatusResult> {
    if (isDotSegment(id)) {
      throw new StatusApiError('STATUS_API_ERROR', `midtrans: ${ENDPOINT} cannot be asked for an order_id of "${id}"`, {
        provider: 'midtrans',
        hint: 'A URL path cannot carry "." or ".." as a segment. Ask by the transaction_id instead, or use order_ids that are not only dots.',
      })
    }
    const response = await requestStatusApi({
      provider: 'midtrans',
      fetch,
      url: `${baseUrl}/v2/${encodeURIComponent(id)}/status`,
      endpoint: ENDPOINT,
      init: { method: 'GET', headers },
      timeoutMs,
      signal,
      unauthorizedHint: hint,
    })
    return readAnswer(response, serverKey, baseUrl)
  }

  return {
    fetchEvent,
    async fetchStatus(query) {
      const result = await fetchEvent(query.reference, query.signal)
      return result.found ? { found: true, events: [result.event] } : result
    },
  }
}
