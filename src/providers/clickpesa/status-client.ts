import type { StatusEvent } from '../../core/event.js'
import { readSecretOption } from '../../core/secrets.js'
import {
  invalidStatusResponse,
  isStatusApiError,
  readStatusApiBase,
  requestStatusApi,
  StatusApiError,
  type StatusAnswer,
  type StatusApiBaseOptions,
  type StatusApiResponse,
  type StatusClient,
  type StatusQuery,
} from '../../core/status-api.js'
import { CLICKPESA_CREDENTIALS_HINT, createClickpesaTokenSource, type ClickpesaTokenSource } from './access-token.js'
import { clickpesaEvent } from './clickpesa-event.js'
import { clickpesaPayloadSchema, type ClickpesaEventName, type ClickpesaPaymentStatus, type ClickpesaPayoutStatus } from './schema.js'
import { CLICKPESA_EVENT } from './status-table.js'

export interface ClickpesaStatusApiOptions extends StatusApiBaseOptions {
  /** The application's Client ID (sent as the `client-id` header of the token request). */
  clientId: string
  /** The application's API key (the `api-key` header). Not the checksum key. */
  apiKey: string
}

/**
 * The host only: paths start with /third-parties (providers.md §3.5). ClickPesa publishes no sandbox
 * URL; a third-party SDK uses https://api-sandbox.clickpesa.com.
 */
export const CLICKPESA_API_BASE_URL = 'https://api.clickpesa.com'

/**
 * The query APIs name no event, so each attempt is built under the webhook event that carries its
 * status (§3.1–§3.2): same providerStatus, same id as that webhook. Where no documented webhook
 * carries a status, the event whose `data.status` table holds it is used, so the record's
 * providerStatus still says payment or payout (the next poll routes on it).
 */
export const CLICKPESA_PAYMENT_STATUS_EVENT = {
  /** The current docs' PAYMENT RECEIVED sample has status SUCCESS. */
  SUCCESS: 'PAYMENT RECEIVED',
  /** No webhook documented (settlement happens after PAYMENT RECEIVED). */
  SETTLED: 'PAYMENT RECEIVED',
  /** No webhook documented. */
  PROCESSING: 'PAYMENT RECEIVED',
  /** No webhook documented. */
  PENDING: 'PAYMENT RECEIVED',
  /** The docs' PAYMENT FAILED sample has status FAILED. */
  FAILED: 'PAYMENT FAILED',
  /** On the status page only, not in the query API's enum; no webhook documented. */
  'ON-HOLD': 'PAYMENT RECEIVED',
} as const satisfies Record<ClickpesaPaymentStatus, ClickpesaEventName>

export const CLICKPESA_PAYOUT_STATUS_EVENT = {
  /** The PAYOUT INITIATED sample has status SUCCESS (§3.6.4). */
  SUCCESS: 'PAYOUT INITIATED',
  /** No webhook documented; an initiated payout under way. */
  PROCESSING: 'PAYOUT INITIATED',
  /** No webhook documented. */
  PENDING: 'PAYOUT INITIATED',
  /** No PAYOUT FAILED event exists (§3.1): a failed payout is seen only here. */
  FAILED: 'PAYOUT INITIATED',
  /** The PAYOUT REFUNDED sample has status REFUNDED. */
  REFUNDED: 'PAYOUT REFUNDED',
  /** The PAYOUT REVERSED sample has status REVERSED. */
  REVERSED: 'PAYOUT REVERSED',
} as const satisfies Record<ClickpesaPayoutStatus, ClickpesaEventName>

interface Endpoint {
  kind: 'payment' | 'payout'
  path: string
  events: Readonly<Record<string, ClickpesaEventName>>
  /** The documented 404 body: `{ message: "Invalid or missing payment: {ref}" }`. */
  notFound: RegExp
}

const PAYMENTS: Endpoint = { kind: 'payment', path: '/third-parties/payments', events: CLICKPESA_PAYMENT_STATUS_EVENT, notFound: /invalid or missing payment/i }
const PAYOUTS: Endpoint = { kind: 'payout', path: '/third-parties/payouts', events: CLICKPESA_PAYOUT_STATUS_EVENT, notFound: /invalid or missing payout/i }

/**
 * The record's providerStatus is `EVENT NAME/STATUS` (or the bare event name): a payout is asked
 * about on the payouts API, a payment on the payments API. A deposit (no query API is documented for
 * deposits), an unknown event name or no status yet: payments, then payouts.
 */
function endpointsFor(providerStatus: string | null): readonly Endpoint[] {
  const event = providerStatus?.split('/', 1)[0] ?? ''
  const kind = Object.hasOwn(CLICKPESA_EVENT, event) ? CLICKPESA_EVENT[event as ClickpesaEventName].kind : undefined
  if (kind === 'payout') return [PAYOUTS]
  if (kind === 'payment') return [PAYMENTS]
  return [PAYMENTS, PAYOUTS]
}

const RETRY_HINT =
  'ClickPesa refused a token it had just issued. The application may lack access to the Collection (payments) or ' +
  'Disbursement (payouts) API, or statusApi.baseUrl points at another environment than the credentials.'

type Attempt = { event: StatusEvent } | { unknownStatus: string }

/** One array element, built exactly as the webhook carrying its status would be. */
function attemptOf(element: unknown, endpoint: Endpoint, index: number, label: string): Attempt {
  const status = (element as { status?: unknown } | null)?.status
  if (typeof status !== 'string') throw invalidStatusResponse('clickpesa', label, `has an element without a status string (at ${index})`, undefined, 200)
  const key = status.toUpperCase()
  if (!Object.hasOwn(endpoint.events, key)) return { unknownStatus: status }
  const parsed = clickpesaPayloadSchema.safeParse({ event: endpoint.events[key], data: element })
  if (!parsed.success) {
    const path = parsed.error.issues[0]?.path.slice(1).map(String).join('.') || '(element)'
    throw invalidStatusResponse('clickpesa', label, `has an element that is not the documented shape (at ${index}.${path})`, undefined, 200)
  }
  const event = clickpesaEvent(parsed.data)
  // Every status in the endpoint's table decides a known kind, so the event is never `unknown`.
  return event.kind === 'unknown' ? { unknownStatus: status } : { event }
}

/** The attempts a query answered with, as events; none for an empty array or the documented 404. */
function eventsOf(response: StatusApiResponse, endpoint: Endpoint, reference: string, label: string): StatusEvent[] {
  const message = (response.body as { message?: unknown } | undefined)?.message
  if (response.status === 404 && typeof message === 'string' && endpoint.notFound.test(message)) return []
  if (response.status !== 200) {
    throw new StatusApiError('STATUS_API_ERROR', `clickpesa: ${label} answered ${response.status}`, {
      provider: 'clickpesa',
      httpStatus: response.status,
      hint: 'Not an answer ClickPesa documents for this query. Check statusApi.baseUrl: the host only (https://api.clickpesa.com), without /third-parties.',
    })
  }
  if (!Array.isArray(response.body)) throw invalidStatusResponse('clickpesa', label, 'is not an array of attempts', undefined, 200)
  const events: StatusEvent[] = []
  const unknown: string[] = []
  response.body.forEach((element: unknown, index) => {
    const attempt = attemptOf(element, endpoint, index, label)
    // An element for another reference is not an attempt of this record.
    if ('event' in attempt) {
      if (attempt.event.reference === reference) events.push(attempt.event)
    } else unknown.push(attempt.unknownStatus.slice(0, 40))
  })
  if (events.length === 0 && unknown.length > 0) {
    throw invalidStatusResponse('clickpesa', label, `reports only statuses payhooks does not know (${[...new Set(unknown)].join(', ')}); nothing is applied`, undefined, 200)
  }
  return events
}

function readCredential(value: unknown, option: 'clientId' | 'apiKey'): string {
  // The value is never echoed: it is a credential, or a misplaced one.
  if (typeof value !== 'string') throw new TypeError(`clickpesa: statusApi.${option} must be a string (got a ${typeof value}).`)
  return readSecretOption(value, `statusApi.${option}`, 'clickpesa')[0] as string
}

/**
 * ClickPesa's query APIs (providers.md §3.5) as a status client: a token from generate-token, then
 * GET /third-parties/payments/{orderReference} or /payouts/{orderReference}, each answering an array
 * of attempts. A token ClickPesa refuses (401) is renewed once; a second refusal is
 * STATUS_API_UNAUTHORIZED. Credentials and tokens never appear in an error.
 */
export function createClickpesaStatusClient(options: ClickpesaStatusApiOptions): StatusClient {
  const clientId = readCredential(options?.clientId, 'clientId')
  const apiKey = readCredential(options?.apiKey, 'apiKey')
  const base = readStatusApiBase(options, 'clickpesa', CLICKPESA_API_BASE_URL)
  const tokens: ClickpesaTokenSource = createClickpesaTokenSource({ ...base, clientId, apiKey })

  async function get(endpoint: Endpoint, query: StatusQuery, authorization: string, hint: string): Promise<StatusApiResponse> {
    return requestStatusApi({
      provider: 'clickpesa',
      fetch: base.fetch,
      url: `${base.baseUrl}${endpoint.path}/${encodeURIComponent(query.reference)}`,
      endpoint: `GET ${endpoint.path}/{orderReference}`,
      init: { method: 'GET', headers: { authorization, accept: 'application/json' } },
      timeoutMs: base.timeoutMs,
      signal: query.signal,
      unauthorizedHint: hint,
    })
  }

  async function ask(endpoint: Endpoint, query: StatusQuery): Promise<StatusEvent[]> {
    const authorization = await tokens.get(query.signal)
    let response: StatusApiResponse
    try {
      response = await get(endpoint, query, authorization, CLICKPESA_CREDENTIALS_HINT)
    } catch (error) {
      // 401 is ClickPesa's "Invalid or Expired Token" (§3.5): renew once. A 403 is not about the token.
      if (!isStatusApiError(error) || error.httpStatus !== 401) throw error
      tokens.invalidate(authorization)
      response = await get(endpoint, query, await tokens.get(query.signal), RETRY_HINT)
    }
    return eventsOf(response, endpoint, query.reference, `GET ${endpoint.path}/{orderReference}`)
  }

  return {
    async fetchStatus(query): Promise<StatusAnswer> {
      const endpoints = endpointsFor(query.providerStatus)
      for (const endpoint of endpoints) {
        const events = await ask(endpoint, query)
        if (events.length > 0) return { found: true, events }
      }
      const kinds = endpoints.map((endpoint) => endpoint.kind).join(' or ')
      return { found: false, message: `ClickPesa has no ${kinds} under orderReference ${query.reference}.` }
    },
  }
}
