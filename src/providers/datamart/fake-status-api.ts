import { createFakeStatusApi, type FakeStatusApiBase } from '../../core/fake-status-api.js'

/**
 * A local stand-in for DataMart's developer API order-status endpoint (providers.md §4.6), odd parts
 * included: mounted under /api/developer (a base URL without it gets Express's HTML "Cannot GET"), the
 * API's own field names (`reference`, `phoneNumber`, `orderStatus`), `X-API-Key` checked with the
 * bodies of DataMart's code, an optional second-secret rule (403 API_RULE_VIOLATION), and rate-limit
 * headers on every answer with a per-window budget, 429 once it is spent.
 */

/** One order as the status API returns it under `data` (the reference is echoed from the request). */
export type DatamartFakeOrder = Record<string, unknown> & { orderStatus: string }

export interface DatamartFakeOptions {
  /** The key `X-API-Key` must carry. */
  apiKey?: string
  /** When set, the account has the second-secret rule: `X-API-Secret` must carry it. */
  apiSecret?: string
  /** Requests per window before 429. Default 200 (the documented general limit, §4.6). */
  budget?: number
  /** Default one minute. */
  windowMs?: number
  /** How X-RateLimit-Reset is written; DataMart does not document it. Default epoch seconds. */
  reset?: 'epoch-seconds' | 'seconds-left'
  /** Whether a 429 carries Retry-After (default true); without it a client must read X-RateLimit-Reset. */
  retryAfter?: boolean
}

export interface DatamartFakeStatusApi extends FakeStatusApiBase {
  readonly apiKey: string
  /** The truth for `reference` (replaces an earlier one). A reference never set gets the documented 404. */
  setOrder(reference: string, order: DatamartFakeOrder): void
  /** Requests left in the current window. */
  remaining(): number
}

export const DATAMART_FAKE_BASE_PATH = '/api/developer'
const ORDER_STATUS_PATH = /^\/api\/developer\/order-status\/([^/]+)$/

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } })

export function createDatamartFakeStatusApi(options: DatamartFakeOptions = {}): DatamartFakeStatusApi {
  const apiKey = options.apiKey ?? 'fake-datamart-api-key'
  const budget = options.budget ?? 200
  const windowMs = options.windowMs ?? 60_000
  const orders = new Map<string, DatamartFakeOrder>()
  let windowStart = Date.now()
  let used = 0

  /** Counts one request against the window; returns the rate-limit state after it. */
  function spend(): { allowed: boolean; headers: Record<string, string>; rateLimit: Record<string, number> } {
    const now = Date.now()
    if (now >= windowStart + windowMs) {
      windowStart = now
      used = 0
    }
    used++
    const remaining = Math.max(0, budget - used)
    const secondsLeft = Math.max(0, Math.ceil((windowStart + windowMs - now) / 1000))
    const reset = options.reset === 'seconds-left' ? secondsLeft : Math.ceil((windowStart + windowMs) / 1000)
    const headers: Record<string, string> = { 'x-ratelimit-limit': String(budget), 'x-ratelimit-remaining': String(remaining), 'x-ratelimit-reset': String(reset) }
    const allowed = used <= budget
    if (!allowed && options.retryAfter !== false) headers['retry-after'] = String(secondsLeft)
    return { allowed, headers, rateLimit: { limit: budget, remaining, resetInSeconds: secondsLeft } }
  }

  function orderStatus(request: Request, reference: string): Response {
    const limit = spend()
    if (!limit.allowed) {
      // The body is not documented; the code name is the one the docs give for the verify-number limit.
      return json(429, { status: 'error', code: 'RATE_LIMIT_EXCEEDED', message: 'Too many requests, please try again later.', rateLimit: limit.rateLimit }, limit.headers)
    }
    // The bodies of DataMart's authenticateApiKey (server/ResellerApi/resellerApi.js).
    const givenKey = request.headers.get('x-api-key')
    if (!givenKey) return json(401, { status: 'error', message: 'No API key provided' }, limit.headers)
    if (givenKey !== apiKey) return json(401, { status: 'error', message: 'Invalid or inactive API key' }, limit.headers)
    if (options.apiSecret !== undefined && request.headers.get('x-api-secret') !== options.apiSecret) {
      return json(403, { status: 'error', code: 'API_RULE_VIOLATION', message: 'This API key requires a valid X-API-Secret header' }, limit.headers)
    }
    const order = orders.get(reference)
    if (order === undefined) return json(404, { status: 'error', message: 'Order not found with the provided reference' }, limit.headers)
    return json(200, { status: 'success', data: { ...order, reference }, rateLimit: limit.rateLimit }, limit.headers)
  }

  const fake = createFakeStatusApi({
    provider: 'datamart',
    route(request, url) {
      const match = request.method === 'GET' ? ORDER_STATUS_PATH.exec(url.pathname) : null
      if (match === null) return undefined
      const reference = decodeURIComponent(match[1] as string)
      return { key: reference, respond: () => orderStatus(request, reference) }
    },
    fault(fault) {
      switch (fault) {
        case 'rate-limited': {
          const reset = options.reset === 'seconds-left' ? '0' : String(Math.ceil(Date.now() / 1000))
          return json(
            429,
            { status: 'error', code: 'RATE_LIMIT_EXCEEDED', message: 'Too many requests, please try again later.' },
            { 'retry-after': '0', 'x-ratelimit-limit': String(budget), 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset },
          )
        }
        // What the route's catch answers (resellerApi.js).
        case 'server-error':
          return json(500, { status: 'error', message: 'Failed to check order status' })
        case 'malformed':
          return new Response('<html><head><title>502 Bad Gateway</title></head><body>cloudflare</body></html>', { status: 200, headers: { 'content-type': 'text/html' } })
      }
    },
    // Express's default answer for a route it does not have, e.g. a base URL without /developer.
    notFound: () => new Response('<!DOCTYPE html><html><body><pre>Cannot GET</pre></body></html>', { status: 404, headers: { 'content-type': 'text/html; charset=utf-8' } }),
  })

  return {
    ...fake,
    apiKey,
    setOrder(reference, order) {
      orders.set(reference, order)
    },
    remaining: () => {
      if (Date.now() >= windowStart + windowMs) return budget
      return Math.max(0, budget - used)
    },
  }
}
