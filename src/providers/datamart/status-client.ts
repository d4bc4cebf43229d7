import type { StatusEvent } from '../../core/event.js'
import { readSecretOption } from '../../core/secrets.js'
import {
  invalidStatusResponse,
  isStatusApiError,
  readStatusApiBase,
  requestStatusApi,
  retryAfterMs,
  StatusApiError,
  type StatusAnswer,
  type StatusApiBaseOptions,
  type StatusApiResponse,
  type StatusClient,
} from '../../core/status-api.js'
import { datamartEvent } from './datamart-event.js'
import { datamartOrderStatusSchema, datamartPayloadSchema, type DatamartOrderStatus, type DatamartOrderStatusAnswer } from './schema.js'
import { DATAMART_ORDER_STATUS, DATAMART_STATUS_EVENT } from './status-table.js'

export interface DatamartStatusApiOptions extends StatusApiBaseOptions {
  /** The API key from DataMart's developer page (the `X-API-Key` header). Not the webhook secret. */
  apiKey: string
  /**
   * Only for accounts with DataMart's "second secret" API rule (the `X-API-Secret` header): without it
   * they answer 403 API_RULE_VIOLATION (providers.md §4.6).
   */
  apiSecret?: string | undefined
}

/** The developer API's base (§4.6); the docs' purchase example without `/developer` is wrong (§4.7.2). */
export const DATAMART_API_BASE_URL = 'https://api.datamartgh.shop/api/developer'

const ENDPOINT = 'GET /order-status/{reference}'
/** The documented 404 body's message: "Order not found with the provided reference". */
const NOT_FOUND_MESSAGE = /order not found/i

const CREDENTIALS_HINT =
  'DataMart refused the request. 401: statusApi.apiKey is wrong, revoked or expired; use the API key from ' +
  "DataMart's developer page, not the webhook secret. 403 API_RULE_VIOLATION: the account has an API rule, e.g. " +
  'a second secret (pass statusApi.apiSecret).'

const RATE_LIMIT_HINT =
  'DataMart allows about 200 API requests a minute per key (providers.md §4.6) and the budget is spent; ' +
  'payhooks waits as told and continues. Lower reconcile concurrency or poll less often if this is frequent.'

function readCredential(value: unknown, option: 'apiKey' | 'apiSecret'): string {
  // The value is never echoed: it is a credential, or a misplaced one.
  if (typeof value !== 'string') throw new TypeError(`datamart: statusApi.${option} must be a string (got a ${typeof value}).`)
  return readSecretOption(value, `statusApi.${option}`, 'datamart')[0] as string
}

/**
 * The wait a successful answer announces for the next request: when `X-RateLimit-Remaining` is 0, until
 * the window resets (Retry-After, X-RateLimit-Reset, or the body's `rateLimit.resetInSeconds`).
 */
function spentBudgetWaitMs(response: StatusApiResponse): number | undefined {
  const remaining = response.headers.get('x-ratelimit-remaining')
  if (remaining === null || remaining.trim() === '' || Number(remaining) > 0) return undefined
  const fromHeaders = retryAfterMs(response.headers)
  if (fromHeaders !== undefined) return fromHeaders
  const seconds = (response.body as { rateLimit?: { resetInSeconds?: unknown } } | undefined)?.rateLimit?.resetInSeconds
  return typeof seconds === 'number' && Number.isFinite(seconds) ? Math.max(0, seconds * 1000) : undefined
}

const text = (value: string | null | undefined) => value ?? undefined

/**
 * The answer as the webhook that reports its status would have carried it (§4.3 field names, the event
 * that announces the status), so that the one event builder gives both the same id. A status nobody
 * documents the meaning of (`on`, or one DataMart adds) has no such webhook: undefined.
 */
function asWebhookEvent(data: DatamartOrderStatusAnswer['data']): StatusEvent | undefined {
  const key = data.orderStatus.toLowerCase()
  const status = Object.hasOwn(DATAMART_ORDER_STATUS, key) ? DATAMART_ORDER_STATUS[key as DatamartOrderStatus] : null
  if (status === null) return undefined
  const payload = datamartPayloadSchema.safeParse({
    event: DATAMART_STATUS_EVENT[status],
    timestamp: text(data.updatedAt),
    data: {
      orderId: text(data.orderId),
      orderReference: data.reference,
      phone: text(data.phoneNumber),
      network: text(data.network),
      capacity: data.capacity ?? undefined,
      price: data.price ?? undefined,
      status: data.orderStatus,
      createdAt: text(data.createdAt),
      updatedAt: text(data.updatedAt),
    },
  })
  // Cannot fail for an answer that passed the order-status schema; checked rather than asserted.
  if (!payload.success) return undefined
  const event = datamartEvent(payload.data)
  return event.kind === 'unknown' ? undefined : event
}

/** An answer DataMart does not document for this query: most often a base URL without /developer. */
function wrongRoute(httpStatus: number, cause?: unknown): StatusApiError {
  return new StatusApiError('STATUS_API_ERROR', `datamart: ${ENDPOINT} answered ${httpStatus}, not as DataMart documents`, {
    provider: 'datamart',
    httpStatus,
    hint: `Check statusApi.baseUrl: it must end in /api/developer (${DATAMART_API_BASE_URL}); the docs' purchase example without /developer is wrong.`,
    cause,
  })
}

function answerOf(response: StatusApiResponse, reference: string): StatusAnswer {
  const body = response.body as { status?: unknown; message?: unknown } | undefined
  if (response.status === 404 && body?.status === 'error' && typeof body.message === 'string' && NOT_FOUND_MESSAGE.test(body.message)) {
    return { found: false, message: `DataMart has no order under reference ${reference}.` }
  }
  if (response.status < 200 || response.status >= 300 || body?.status === 'error') throw wrongRoute(response.status)
  const parsed = datamartOrderStatusSchema.safeParse(response.body)
  if (!parsed.success) {
    const path = parsed.error.issues[0]?.path.map(String).join('.') || '(root)'
    throw invalidStatusResponse('datamart', ENDPOINT, `is not the documented shape (at ${path})`, undefined, response.status)
  }
  const { data } = parsed.data
  // DataMart echoes the reference it was asked about; anything else is someone else's order.
  if (data.reference !== reference) throw invalidStatusResponse('datamart', ENDPOINT, 'is about another reference', undefined, response.status)
  const event = asWebhookEvent(data)
  if (event === undefined) {
    throw invalidStatusResponse('datamart', ENDPOINT, `reports orderStatus "${data.orderStatus.slice(0, 40)}", which payhooks does not map to a status; nothing is applied`, undefined, response.status)
  }
  return { found: true, events: [event] }
}

/**
 * DataMart's order-status API (providers.md §4.6) as a status client: GET {base}/order-status/{reference}
 * with `X-API-Key`. Rate limits: a 429 is STATUS_API_RATE_LIMITED with the wait DataMart names; and when
 * a successful answer says the budget is spent (`X-RateLimit-Remaining: 0`), the next call fails the same
 * way *without* a request until the window resets, so the reconciler (which pauses the provider for
 * `retryAfterMs`) waits instead of spending a request on a certain 429. Credentials never appear in an
 * error.
 */
export function createDatamartStatusClient(options: DatamartStatusApiOptions): StatusClient {
  const headers: Record<string, string> = { 'x-api-key': readCredential(options?.apiKey, 'apiKey'), accept: 'application/json' }
  if (options.apiSecret !== undefined) headers['x-api-secret'] = readCredential(options.apiSecret, 'apiSecret')
  const base = readStatusApiBase(options, 'datamart', DATAMART_API_BASE_URL)
  /** Epoch ms before which the budget is known to be spent. */
  let spentUntil = 0

  function noteWait(ms: number | undefined): void {
    if (ms !== undefined && ms > 0) spentUntil = Math.max(spentUntil, Date.now() + ms)
  }

  return {
    async fetchStatus(query): Promise<StatusAnswer> {
      const wait = spentUntil - Date.now()
      if (wait > 0) {
        throw new StatusApiError('STATUS_API_RATE_LIMITED', `datamart: ${ENDPOINT} not called: the rate-limit budget is spent until the window resets`, {
          provider: 'datamart',
          retryAfterMs: wait,
          hint: RATE_LIMIT_HINT,
        })
      }
      let response: StatusApiResponse
      try {
        response = await requestStatusApi({
          provider: 'datamart',
          fetch: base.fetch,
          url: `${base.baseUrl}/order-status/${encodeURIComponent(query.reference)}`,
          endpoint: ENDPOINT,
          init: { method: 'GET', headers },
          timeoutMs: base.timeoutMs,
          signal: query.signal,
          unauthorizedHint: CREDENTIALS_HINT,
        })
      } catch (error) {
        if (isStatusApiError(error) && error.code === 'STATUS_API_RATE_LIMITED') noteWait(error.retryAfterMs)
        // DataMart's own 404 is JSON; an HTML one is Express's "Cannot GET": a route it does not have.
        if (isStatusApiError(error) && error.code === 'STATUS_API_INVALID_RESPONSE' && error.httpStatus === 404) throw wrongRoute(404, error)
        throw error
      }
      noteWait(spentBudgetWaitMs(response))
      return answerOf(response, query.reference)
    },
  }
}
