import { cryptoSeam } from '../../core/crypto/runtime.js'
import { createFakeStatusApi, type FakeStatusApiBase } from '../../core/fake-status-api.js'

/**
 * A local stand-in for Midtrans' GET status (providers.md §1.7), odd parts included: an unknown order
 * is a 404 in the body under HTTP 200, an expired transaction is answered with status_code 407, and
 * the answer is a notification-shaped body with its own signature_key.
 */

/** A transaction as Midtrans would notify it: order_id, status_code, gross_amount, transaction_status… */
export type MidtransFakeTransaction = Record<string, unknown> & {
  order_id: string
  status_code: string
  gross_amount: string
  transaction_status: string
}

export interface MidtransFakeOptions {
  /** The Server Key the fake accepts (Basic auth) and signs its answers with. */
  serverKey?: string
}

export interface MidtransFakeStatusApi extends FakeStatusApiBase {
  readonly serverKey: string
  /**
   * The truth for `transaction.order_id` (also found by its transaction_id), replacing any earlier one.
   * GET status answers it with status_message "Success, transaction is found" and a signature_key made
   * with the fake's Server Key; an `expire` is answered with status_code 407, as GET status does.
   */
  setTransaction(transaction: MidtransFakeTransaction): void
  /** Forgets an order: GET status then answers the documented 404 (under HTTP 200). */
  deleteTransaction(orderId: string): void
}

const JSON_HEADERS = { 'content-type': 'application/json' }
const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { ...JSON_HEADERS, ...headers } })

/** Documented answers (docs.midtrans.com "Code 4xx"/"Code 5xx", error-code-and-response-code). */
const UNAUTHORIZED = { status_code: '401', status_message: 'Access denied due to unauthorized transaction, please check client or server key' }
const NO_SUCH_TRANSACTION = { status_code: '404', status_message: "Transaction doesn't exist." }
const NO_SUCH_RESOURCE = { status_code: '404', status_message: 'The requested resource is not found' }
const METHOD_NOT_ALLOWED = { status_code: '405', status_message: 'HTTP method is not allowed' }
const RATE_LIMITED = { status_code: '429', status_message: 'API rate limit exceeded' }
const INTERNAL_ERROR = { status_code: '500', status_message: 'Sorry, we encountered internal server error. We will fix this soon.' }
const BANK_UNAVAILABLE = { status_code: '503', status_message: 'Bank/partner is experiencing connection issue.' }

const STATUS_PATH = /^\/v2\/([^/]+)\/status$/

function isAuthorized(header: string | null, serverKey: string): boolean {
  const match = header === null ? null : /^basic\s+(\S+)$/i.exec(header)
  if (match === null) return false
  try {
    return atob(match[1] as string) === `${serverKey}:`
  } catch {
    return false
  }
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

export function createMidtransFakeStatusApi(options: MidtransFakeOptions = {}): MidtransFakeStatusApi {
  const serverKey = options.serverKey ?? 'SB-Mid-server-fake-status-api-key'
  /** order_id → transaction; transaction_id → order_id. */
  const transactions = new Map<string, MidtransFakeTransaction>()
  const byTransactionId = new Map<string, string>()
  let serverErrors = 0

  async function answer(request: Request, id: string): Promise<Response> {
    if (request.method !== 'GET') return json(405, METHOD_NOT_ALLOWED)
    if (!isAuthorized(request.headers.get('authorization'), serverKey)) return json(401, UNAUTHORIZED)
    const transaction = transactions.get(id) ?? transactions.get(byTransactionId.get(id) ?? '')
    if (transaction === undefined) return json(200, NO_SUCH_TRANSACTION)
    const statusCode = transaction.transaction_status === 'expire' ? '407' : transaction.status_code
    const signed = `${transaction.order_id}${statusCode}${transaction.gross_amount}${serverKey}`
    return json(200, {
      ...transaction,
      status_code: statusCode,
      status_message: 'Success, transaction is found',
      signature_key: await cryptoSeam.sha512Hex(signed),
    })
  }

  const base = createFakeStatusApi({
    provider: 'midtrans',
    route(request, url) {
      const match = STATUS_PATH.exec(url.pathname)
      if (match === null) return undefined
      const id = decodeSegment(match[1] as string)
      const orderId = transactions.has(id) ? id : (byTransactionId.get(id) ?? id)
      return { key: orderId, respond: () => answer(request, id) }
    },
    fault(fault) {
      if (fault === 'rate-limited') return json(429, RATE_LIMITED, { 'retry-after': '0' })
      // Alternates the two server errors Midtrans documents for a status call.
      if (fault === 'server-error') return serverErrors++ % 2 === 0 ? json(500, INTERNAL_ERROR) : json(503, BANK_UNAVAILABLE)
      return new Response('<html><body><h1>502 Bad Gateway</h1></body></html>', { status: 200, headers: { 'content-type': 'text/html' } })
    },
    notFound: () => json(404, NO_SUCH_RESOURCE),
  })

  return {
    ...base,
    serverKey,
    setTransaction(transaction) {
      const previous = transactions.get(transaction.order_id)
      if (typeof previous?.transaction_id === 'string') byTransactionId.delete(previous.transaction_id)
      transactions.set(transaction.order_id, { ...transaction })
      if (typeof transaction.transaction_id === 'string') byTransactionId.set(transaction.transaction_id, transaction.order_id)
    },
    deleteTransaction(orderId) {
      const previous = transactions.get(orderId)
      if (typeof previous?.transaction_id === 'string') byTransactionId.delete(previous.transaction_id)
      transactions.delete(orderId)
    },
  }
}
