import { createFakeStatusApi, type FakeStatusApiBase } from '../../core/fake-status-api.js'
import { CLICKPESA_TOKEN_LIFETIME_MS, CLICKPESA_TOKEN_PATH } from './access-token.js'

/**
 * A local stand-in for ClickPesa's token and query APIs (providers.md §3.5), odd parts included: the
 * token comes with its `Bearer ` prefix (a doubled prefix is refused), tokens expire, the queries answer
 * arrays, and errors are the documented `{ message }` bodies.
 */

/** One attempt as GET /third-parties/payments/{orderReference} returns it (`collectedAmount` an integer). */
export type ClickpesaFakePayment = Record<string, unknown> & { orderReference: string; status: string }
/** One attempt as GET /third-parties/payouts/{orderReference} returns it (`amount`, `fee` strings). */
export type ClickpesaFakePayout = Record<string, unknown> & { orderReference: string; status: string }

export interface ClickpesaFakeOptions {
  /** The credentials the token endpoint accepts. */
  clientId?: string
  apiKey?: string
  /** How long an issued token is accepted; default ClickPesa's 1 hour. */
  tokenTtlMs?: number
  /** The fake's clock (ms), for tests that expire tokens without waiting. Default Date.now. */
  now?: () => number
}

export interface ClickpesaFakeStatusApi extends FakeStatusApiBase {
  readonly clientId: string
  readonly apiKey: string
  /**
   * The attempts the payments query answers for `orderReference` (replaces earlier ones). A reference
   * never set gets the documented 404; an empty list is answered as `[]` (undocumented, but possible).
   */
  setPayments(orderReference: string, attempts: readonly ClickpesaFakePayment[]): void
  setPayouts(orderReference: string, attempts: readonly ClickpesaFakePayout[]): void
  /** Refuses every token issued so far, as ClickPesa does when checksum settings are toggled (§3.3). */
  expireTokens(): void
  /** How many tokens were issued. */
  tokensIssued(): number
}

const JSON_HEADERS = { 'content-type': 'application/json' }
const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { ...JSON_HEADERS, ...headers } })

function base64url(value: unknown): string {
  return btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')
}

const QUERY_PATH = /^\/third-parties\/(payments|payouts)\/([^/]+)$/

export function createClickpesaFakeStatusApi(options: ClickpesaFakeOptions = {}): ClickpesaFakeStatusApi {
  const clientId = options.clientId ?? 'fake-clickpesa-client-id'
  const apiKey = options.apiKey ?? 'fake-clickpesa-api-key'
  const tokenTtlMs = options.tokenTtlMs ?? CLICKPESA_TOKEN_LIFETIME_MS
  const clock = options.now ?? Date.now
  /** Authorization header value → when it stops being accepted. */
  const tokens = new Map<string, number>()
  const records = { payments: new Map<string, readonly unknown[]>(), payouts: new Map<string, readonly unknown[]>() }
  let issued = 0

  function generateToken(request: Request): Response {
    const givenId = request.headers.get('client-id')
    const givenKey = request.headers.get('api-key')
    // The documented refusals: 401 without credentials, 403 with the wrong ones (§3.5).
    if (!givenId || !givenKey) return json(401, { message: 'Unauthorized' })
    if (givenId !== clientId) return json(403, { message: 'Invalid client details' })
    if (givenKey !== apiKey) return json(403, { message: 'Invalid or Expired API-Key' })
    issued++
    const now = clock()
    const jwt = [
      base64url({ alg: 'HS256', typ: 'JWT' }),
      base64url({ sub: clientId, iat: Math.floor(now / 1000), exp: Math.floor((now + tokenTtlMs) / 1000), n: issued }),
      base64url(`fake-signature-${issued}`),
    ].join('.')
    const token = `Bearer ${jwt}`
    tokens.set(token, now + tokenTtlMs)
    return json(200, { success: true, token })
  }

  function query(request: Request, collection: 'payments' | 'payouts', reference: string): Response {
    // Exactly the issued value: `Bearer Bearer eyJ…` (a second prefix) is refused like a wrong token.
    const expiresAt = tokens.get(request.headers.get('authorization') ?? '')
    if (expiresAt === undefined || clock() >= expiresAt) return json(401, { message: 'Unauthorized' })
    const attempts = records[collection].get(reference)
    if (attempts === undefined) return json(404, { message: `Invalid or missing ${collection === 'payments' ? 'payment' : 'payout'}: ${reference}` })
    return json(200, attempts)
  }

  const fake = createFakeStatusApi({
    provider: 'clickpesa',
    route(request, url) {
      if (request.method === 'POST' && url.pathname === CLICKPESA_TOKEN_PATH) return { respond: () => generateToken(request) }
      const match = request.method === 'GET' ? QUERY_PATH.exec(url.pathname) : null
      if (match === null) return undefined
      const reference = decodeURIComponent(match[2] as string)
      return { key: reference, respond: () => query(request, match[1] as 'payments' | 'payouts', reference) }
    },
    fault(fault) {
      switch (fault) {
        // ClickPesa documents no rate-limit headers; Retry-After is what a gateway in front would send.
        case 'rate-limited':
          return json(429, { message: 'Too Many Requests' }, { 'retry-after': '0' })
        case 'server-error':
          return new Response('<html><body><h1>502 Bad Gateway</h1></body></html>', { status: 502, headers: { 'content-type': 'text/html' } })
        case 'malformed':
          return new Response('<html><body>Service temporarily unavailable</body></html>', { status: 200, headers: { 'content-type': 'text/html' } })
      }
    },
    // ClickPesa's answer for a path it does not serve is undocumented.
    notFound: () => json(404, { message: 'Not Found' }),
  })

  return {
    ...fake,
    clientId,
    apiKey,
    setPayments(orderReference, attempts) {
      records.payments.set(orderReference, attempts)
    },
    setPayouts(orderReference, attempts) {
      records.payouts.set(orderReference, attempts)
    },
    expireTokens() {
      for (const token of tokens.keys()) tokens.set(token, 0)
    },
    tokensIssued: () => issued,
  }
}
