import type { ProviderName, StatusEvent } from './event.js'
import { anySignal } from './any-signal.js'

/**
 * Status APIs (design.md §9): how the reconciler asks a provider where a record really is. Each
 * provider folder builds its client on `requestStatusApi`, so timeouts, aborts, rate limits and error
 * bodies are handled once, and credentials never reach an error message.
 */

export type StatusApiErrorCode =
  /** No answer within timeoutMs. */
  | 'STATUS_API_TIMEOUT'
  /** 401/403: a wrong key, or a key of the other environment (sandbox vs production). */
  | 'STATUS_API_UNAUTHORIZED'
  /** 429 or an exhausted X-RateLimit budget; `retryAfterMs` says how long to wait. */
  | 'STATUS_API_RATE_LIMITED'
  /** 5xx, a refused connection, a reset: try again later. */
  | 'STATUS_API_UNAVAILABLE'
  /** A body that is not the documented shape. */
  | 'STATUS_API_INVALID_RESPONSE'
  /** Any other refusal the provider documents (4xx other than the above). */
  | 'STATUS_API_ERROR'
  /** The caller's AbortSignal fired. */
  | 'STATUS_API_ABORTED'

export interface StatusApiErrorOptions {
  provider: ProviderName
  hint: string
  /** For STATUS_API_RATE_LIMITED: how long the provider asked us to wait. */
  retryAfterMs?: number | undefined
  /** The HTTP status the provider answered with, when there was one. */
  httpStatus?: number | undefined
  cause?: unknown
}

/** A status lookup that failed. Never carries a credential: messages name the endpoint path only. */
export class StatusApiError extends Error {
  override readonly name = 'StatusApiError'
  readonly code: StatusApiErrorCode
  readonly provider: ProviderName
  readonly hint: string
  readonly retryAfterMs: number | undefined
  readonly httpStatus: number | undefined

  constructor(code: StatusApiErrorCode, message: string, options: StatusApiErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.code = code
    this.provider = options.provider
    this.hint = options.hint
    this.retryAfterMs = options.retryAfterMs
    this.httpStatus = options.httpStatus
  }
}

export function isStatusApiError(value: unknown): value is StatusApiError {
  return value instanceof StatusApiError || (value instanceof Error && value.name === 'StatusApiError' && 'code' in value)
}

/** What the reconciler knows of a record when it asks. */
export interface StatusQuery {
  reference: string
  /** The raw status that set the record (ClickPesa: tells a payout from a payment). */
  providerStatus: string | null
  signal?: AbortSignal | undefined
}

export type StatusAnswer =
  /**
   * Every attempt the provider reports under the reference, as events built exactly as the webhook
   * carrying that status would be built (same id, so a poll and a webhook dedupe). Usually one;
   * ClickPesa reports several attempts per orderReference. The engine picks which one to apply.
   */
  | { found: true; events: StatusEvent[] }
  /** The provider does not know the reference (yet): Midtrans 404, Snap before a method was chosen. */
  | { found: false; message: string }

export interface StatusClient {
  /** Throws StatusApiError; never changes state. */
  fetchStatus(query: StatusQuery): Promise<StatusAnswer>
}

/** Whether an adapter can be reconciled; a provider without a status API says why. */
export type StatusSupport = { supported: true; client: StatusClient } | { supported: false; reason: string }

/** The options every provider's `statusApi` takes, besides its credentials. */
export interface StatusApiBaseOptions {
  /** Override the provider's base URL (a local fake in tests, a proxy in production). */
  baseUrl?: string | undefined
  /** A fetch implementation; default the global fetch. */
  fetch?: typeof fetch | undefined
  /** Per-request deadline. Default 10 000 ms. */
  timeoutMs?: number | undefined
}

export const DEFAULT_STATUS_TIMEOUT_MS = 10_000

/** Validates baseUrl/timeoutMs at creation, so a typo fails at start-up rather than at 3 a.m. */
export function readStatusApiBase(
  options: StatusApiBaseOptions,
  provider: ProviderName,
  defaultBaseUrl: string,
): { baseUrl: string; fetch: typeof fetch; timeoutMs: number } {
  const baseUrl = (options.baseUrl ?? defaultBaseUrl).replace(/\/+$/, '')
  let parsed: URL
  try {
    parsed = new URL(baseUrl)
  } catch {
    throw new TypeError(`${provider}: statusApi.baseUrl is not an absolute URL`)
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new TypeError(`${provider}: statusApi.baseUrl must be http(s)`)
  if (parsed.username !== '' || parsed.password !== '') throw new TypeError(`${provider}: statusApi.baseUrl must not carry credentials; use the key options`)
  const timeoutMs = options.timeoutMs ?? DEFAULT_STATUS_TIMEOUT_MS
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new TypeError(`${provider}: statusApi.timeoutMs must be a positive number`)
  const fetchImpl = options.fetch ?? globalThis.fetch
  if (typeof fetchImpl !== 'function') throw new TypeError(`${provider}: no fetch is available; pass statusApi.fetch`)
  return { baseUrl, fetch: fetchImpl, timeoutMs }
}

export interface StatusApiRequest {
  provider: ProviderName
  fetch: typeof fetch
  /** Absolute URL. Never logged whole: errors name only `endpoint`. */
  url: string
  /** A name for the endpoint without identifiers or credentials, e.g. 'GET /v2/{order_id}/status'. */
  endpoint: string
  init: RequestInit
  timeoutMs: number
  signal?: AbortSignal | undefined
  /** What to tell the user on 401/403 (which key, which environment). */
  unauthorizedHint: string
}

export interface StatusApiResponse {
  status: number
  headers: Headers
  /** The parsed JSON body; undefined for an empty body. */
  body: unknown
}

/** Seconds (or an HTTP date) in Retry-After, else X-RateLimit-Reset (epoch seconds or seconds left). */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const retryAfter = headers.get('retry-after')
  if (retryAfter !== null && retryAfter.trim() !== '') {
    const seconds = Number(retryAfter)
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000)
    const date = Date.parse(retryAfter)
    if (!Number.isNaN(date)) return Math.max(0, date - now)
  }
  const reset = headers.get('x-ratelimit-reset')
  if (reset !== null && reset.trim() !== '') {
    const value = Number(reset)
    if (Number.isFinite(value)) {
      // Large values are epoch seconds; small ones are seconds left in the window.
      return Math.max(0, value > 1e9 ? value * 1000 - now : value * 1000)
    }
  }
  return undefined
}

/**
 * One status request: deadline, abort, JSON body, and the failures every provider shares mapped to
 * StatusApiError. Answers with any status below 500 except 401/403/429: the provider's client reads
 * its own error bodies (Midtrans errors arrive under HTTP 200).
 */
export async function requestStatusApi(request: StatusApiRequest): Promise<StatusApiResponse> {
  const { provider, endpoint } = request
  if (request.signal?.aborted) throw new StatusApiError('STATUS_API_ABORTED', `${provider}: ${endpoint} was aborted`, { provider, hint: 'The reconcile run was stopped.' })
  const deadline = AbortSignal.timeout(request.timeoutMs)
  const signal = request.signal === undefined ? deadline : anySignal([deadline, request.signal])
  let response: Response
  let text: string
  try {
    response = await request.fetch(request.url, { ...request.init, signal })
    text = await response.text()
  } catch (cause) {
    if (request.signal?.aborted) {
      throw new StatusApiError('STATUS_API_ABORTED', `${provider}: ${endpoint} was aborted`, { provider, hint: 'The reconcile run was stopped.', cause })
    }
    if (deadline.aborted) {
      throw new StatusApiError('STATUS_API_TIMEOUT', `${provider}: ${endpoint} did not answer within ${request.timeoutMs} ms`, {
        provider,
        hint: 'The provider is slow or unreachable from here; the record is left as it is and checked again later. Raise statusApi.timeoutMs if this persists.',
        cause,
      })
    }
    throw new StatusApiError('STATUS_API_UNAVAILABLE', `${provider}: ${endpoint} could not be reached`, {
      provider,
      hint: 'Check the network path to the provider (DNS, firewall, proxy) and statusApi.baseUrl; the record is checked again later.',
      cause,
    })
  }
  const status = response.status
  if (status === 401 || status === 403) {
    throw new StatusApiError('STATUS_API_UNAUTHORIZED', `${provider}: ${endpoint} answered ${status}`, { provider, httpStatus: status, hint: request.unauthorizedHint })
  }
  if (status === 429) {
    throw new StatusApiError('STATUS_API_RATE_LIMITED', `${provider}: ${endpoint} answered 429 (rate limited)`, {
      provider,
      httpStatus: status,
      retryAfterMs: retryAfterMs(response.headers),
      hint: 'The provider limits how often its status API may be called; payhooks waits as told and continues. Lower reconcile concurrency if this is frequent.',
    })
  }
  if (status >= 500) {
    throw new StatusApiError('STATUS_API_UNAVAILABLE', `${provider}: ${endpoint} answered ${status}`, {
      provider,
      httpStatus: status,
      hint: 'The provider is having trouble; the record is left as it is and checked again later.',
    })
  }
  let body: unknown
  if (text.trim() !== '') {
    try {
      body = JSON.parse(text)
    } catch (cause) {
      throw invalidStatusResponse(provider, endpoint, 'is not JSON', cause, status)
    }
  }
  return { status, headers: response.headers, body }
}

export function invalidStatusResponse(provider: ProviderName, endpoint: string, what: string, cause?: unknown, httpStatus?: number): StatusApiError {
  return new StatusApiError('STATUS_API_INVALID_RESPONSE', `${provider}: the answer of ${endpoint} ${what}`, {
    provider,
    httpStatus,
    hint: 'The provider answered something other than its documented shape (a proxy error page, a changed API?); the record is left as it is.',
    cause,
  })
}
