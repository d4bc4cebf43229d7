import type { VerifyResult } from '../../core/adapter.js'
import { readJsonBody, type WebhookRequest } from '../../core/request.js'
import { matchAnySha512Hex } from '../../core/secrets.js'
import { WebhookError } from '../../core/webhook-error.js'
import { readMidtransStatus, type MidtransForgery } from './status-table.js'

/** The body fields Midtrans hashes, in order, before the Server Key (providers.md §1.2). */
const SIGNED_FIELDS = ['order_id', 'status_code', 'gross_amount'] as const

/** A gross_amount as Midtrans sends it: two decimals ("10000.00"). */
const TWO_DECIMALS = /\.\d{2}$/

const MISMATCH_HINT =
  'Check that serverKey is the Server Key (not the Client Key) of the environment that sent this ' +
  'notification: sandbox keys start SB-Mid-server-, production keys Mid-server-. Pass the raw body: a ' +
  're-serialized body loses the verbatim strings Midtrans signed (gross_amount must keep its two decimals).'

/**
 * `signature_key` (a body field, no header) is lower-case hex SHA-512 of
 * `order_id + status_code + gross_amount + serverKey`, over the body's strings exactly as sent. The
 * signature does not cover `transaction_status`, so a verified notification must also carry the
 * status_code Midtrans sends with its status (status-table.ts), or it is a relabelled one.
 */
export async function verifyMidtransSignature(req: WebhookRequest, secrets: readonly string[]): Promise<VerifyResult> {
  let body: Record<string, unknown>
  try {
    const json = readJsonBody(req, 'midtrans')
    body = typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : {}
  } catch (error) {
    return { ok: false, error: error as WebhookError }
  }
  const given = body.signature_key
  if (typeof given !== 'string' || given === '') {
    return {
      ok: false,
      error: new WebhookError('SIGNATURE_MISSING', 'The Midtrans notification has no signature_key.', {
        provider: 'midtrans',
        hint:
          'Every Midtrans payment notification carries signature_key in its JSON body. Check that the request ' +
          'comes from Midtrans and is a payment notification (Iris payouts and SNAP-BI are signed in headers instead).',
      }),
    }
  }
  let signed = ''
  for (const field of SIGNED_FIELDS) {
    const value = body[field]
    if (typeof value !== 'string') return { ok: false, error: unsignable(field, value) }
    signed += value
  }
  // A number in the Node build: not awaited, so no microtask (see matchAnySha512Hex).
  const found = matchAnySha512Hex(secrets, given.toLowerCase(), signed)
  if ((typeof found === 'number' ? found : await found) >= 0) return checkStatusBinding(body)
  const amount = body.gross_amount as string
  return {
    ok: false,
    error: new WebhookError('SIGNATURE_MISMATCH', 'signature_key does not match order_id + status_code + gross_amount.', {
      provider: 'midtrans',
      hint: TWO_DECIMALS.test(amount)
        ? MISMATCH_HINT
        : `gross_amount is "${amount}", not the two-decimal string Midtrans signs (e.g. "10000.00"): the body ` +
          'was re-serialized before it reached payhooks. Pass the raw body exactly as received.',
    }),
  }
}

function unsignable(field: string, value: unknown): WebhookError {
  const what = value === undefined ? 'missing' : `a ${typeof value}, not a string`
  return new WebhookError('PAYLOAD_INVALID', `The Midtrans notification's ${field} is ${what}, so signature_key cannot be checked.`, {
    provider: 'midtrans',
    path: field,
    hint:
      value === undefined
        ? 'Compare the body with a Midtrans payment notification; another request posted to this URL also fails here.'
        : 'Midtrans sends every signed field as a JSON string: the body was re-serialized. Pass the raw body exactly as received.',
  })
}

/** The signature holds; now the unsigned transaction_status must agree with the signed status_code. */
function checkStatusBinding(body: Record<string, unknown>): VerifyResult {
  const { transaction_status: transactionStatus, fraud_status: fraudStatus, status_code: statusCode } = body
  // Malformed statuses are the schema's to refuse, in parse, with the failing path.
  if (typeof transactionStatus === 'string' && typeof statusCode === 'string' && (fraudStatus === undefined || typeof fraudStatus === 'string')) {
    const reading = readMidtransStatus(transactionStatus, fraudStatus, statusCode)
    if (reading.kind === 'forged') return { ok: false, error: statusCodeForgery(reading) }
  }
  return { ok: true, method: 'sha512' }
}

/**
 * A notification whose signature is genuine but whose transaction_status was changed. Every value
 * named comes from a closed list (a documented status, documented codes), so echoing them is safe.
 */
export function statusCodeForgery({ transactionStatus, fraud, statusCode, allowed }: MidtransForgery): WebhookError {
  const verdict = fraud === undefined ? '' : fraud === 'absent' ? ' without fraud_status' : ` with fraud_status ${fraud}`
  const sent = `"${transactionStatus}"${verdict}`
  return new WebhookError(
    'SIGNATURE_MISMATCH',
    `transaction_status "${transactionStatus}" and the signed status_code "${statusCode}" disagree: Midtrans never sends them together.`,
    {
      provider: 'midtrans',
      path: 'transaction_status',
      hint:
        'signature_key covers order_id + status_code + gross_amount, not transaction_status, so a genuine signature ' +
        `does not vouch for the status. Midtrans sends ${sent} with status_code ${allowed.join(' or ')}, never ${statusCode}. ` +
        'This notification was altered after Midtrans signed it (e.g. a pending one relabelled as paid): nothing was applied.',
    },
  )
}
