import type { Status } from '../../core/status.js'
import type { TransitionException } from '../../core/adapter.js'
import { MIDTRANS_FRAUD_STATUSES, type MidtransFraudStatus, type MidtransTransactionStatus } from './schema.js'

/** The fraud verdict of a notification: one of the documented values, or `absent` when not sent. */
export type MidtransFraudKey = MidtransFraudStatus | 'absent'

/**
 * `transaction_status` → status (providers.md §1.4–§1.5). Card statuses depend on the fraud verdict:
 * a capture is paid only once the FDS accepted it (or did not rule, §1.5), `challenge` waits for the
 * merchant's review, and a fraud `deny` never becomes money. Every other status means the same
 * whatever `fraud_status` says (a settlement is settled).
 */
export const MIDTRANS_STATUS = {
  pending: 'pending',
  capture: { accept: 'completed', challenge: 'review', deny: 'failed', absent: 'completed' },
  settlement: 'completed',
  deny: 'failed',
  cancel: 'cancelled',
  expire: 'expired',
  failure: 'failed',
  refund: 'refunded',
  partial_refund: 'partially_refunded',
  chargeback: 'chargeback',
  partial_chargeback: 'chargeback',
  authorize: { accept: 'authorized', challenge: 'review', deny: 'failed', absent: 'authorized' },
} as const satisfies Record<MidtransTransactionStatus, Status | Readonly<Record<MidtransFraudKey, Status>>>

/**
 * Every `status_code` Midtrans documents for a transaction (docs.midtrans.com/reference/status-code,
 * providers.md §1.4). Its other codes (3xx, 4xx but 407, 5xx) answer API calls and describe no
 * transaction status.
 */
export const MIDTRANS_STATUS_CODES = ['200', '201', '202', '407'] as const
export type MidtransStatusCode = (typeof MIDTRANS_STATUS_CODES)[number]

type Codes = readonly MidtransStatusCode[]

/** A notification whose documented status_code Midtrans never sends with its status. */
export interface MidtransForgery {
  transactionStatus: MidtransTransactionStatus
  statusCode: MidtransStatusCode
  /** The fraud verdict, for the card statuses whose codes depend on it. */
  fraud?: MidtransFraudKey | undefined
  /** The codes Midtrans does send with this status (and fraud verdict). */
  allowed: readonly MidtransStatusCode[]
}

/**
 * The signed `status_code` each status is sent with. `signature_key` covers order_id + status_code +
 * gross_amount but not `transaction_status` (§1.2), so this binding is what ties the status to the
 * signature: a genuine `pending` (201) relabelled `settlement` is refused.
 * - 200: success — authorize, capture, settlement, cancel for cards; settlement or cancel for the
 *   other methods (docs "Code 2xx"); refunds and chargebacks change a settled (200) transaction.
 * - 201: pending, and, "on some rare occasion, Challenge" (docs "Code 2xx"): the official card
 *   samples send `capture` and `authorize` with fraud_status `challenge` as 201 (3DS and Full PAN
 *   pages). "Rare occasion" reads as: a challenge usually comes as 200, so a challenge takes either.
 *   That is safe: a challenge is `review`, never money, and relabelling a 200 into one gains nothing.
 * - 202: denied (official deny samples), and an expired VA notification (official expire sample).
 *   `failure` is documented only as "unexpected error, rare" with no sample: it is a rejected
 *   transaction like `deny`, so 202; a failure under any other code is not applied (see below).
 * - 407: "Expired transaction": what GET status and the Expire API answer for `expire`.
 * A fraud verdict of `deny` on a card status is a rejection, hence 202.
 */
export const MIDTRANS_STATUS_CODE_BINDING = {
  pending: ['201'],
  capture: { accept: ['200'], challenge: ['200', '201'], deny: ['202'], absent: ['200'] },
  settlement: ['200'],
  deny: ['202'],
  cancel: ['200'],
  expire: ['202', '407'],
  failure: ['202'],
  refund: ['200'],
  partial_refund: ['200'],
  chargeback: ['200'],
  partial_chargeback: ['200'],
  authorize: { accept: ['200'], challenge: ['200', '201'], deny: ['202'], absent: ['200'] },
} as const satisfies Record<MidtransTransactionStatus, Codes | Readonly<Record<MidtransFraudKey, Codes>>>

/** What one notification (or status answer) says, once its signed status_code is taken into account. */
export type MidtransReading =
  | { kind: 'status'; status: Status }
  /**
   * Not applied, acknowledged: a transaction_status, fraud verdict or status_code Midtrans does not
   * document. A new value may be genuine, so it is not refused, but nothing is known to be safe about it.
   */
  | { kind: 'unknown' }
  /** A documented status_code Midtrans never sends with this status: a relabelled notification. */
  | ({ kind: 'forged' } & MidtransForgery)

function isTransactionStatus(value: string): value is MidtransTransactionStatus {
  return Object.hasOwn(MIDTRANS_STATUS, value)
}

function isFraudStatus(value: string): value is MidtransFraudStatus {
  return (MIDTRANS_FRAUD_STATUSES as readonly string[]).includes(value)
}

function isStatusCode(value: string): value is MidtransStatusCode {
  return (MIDTRANS_STATUS_CODES as readonly string[]).includes(value)
}

/**
 * Reads `transaction_status`, `fraud_status` and the signed `status_code` together. A card status
 * whose fraud verdict is not a documented one is unknown: such a capture is not known to be safe.
 */
export function readMidtransStatus(transactionStatus: string, fraudStatus: string | undefined, statusCode: string): MidtransReading {
  if (!isTransactionStatus(transactionStatus) || !isStatusCode(statusCode)) return { kind: 'unknown' }
  const statusRow = MIDTRANS_STATUS[transactionStatus]
  const codesRow = MIDTRANS_STATUS_CODE_BINDING[transactionStatus]
  if (typeof statusRow === 'string') {
    // Rows that do not depend on the verdict have a plain list of codes (the tables share their keys).
    const codes = codesRow as Codes
    return codes.includes(statusCode) ? { kind: 'status', status: statusRow } : { kind: 'forged', transactionStatus, statusCode, allowed: codes }
  }
  const fraud: MidtransFraudKey | undefined = fraudStatus === undefined ? 'absent' : isFraudStatus(fraudStatus) ? fraudStatus : undefined
  if (fraud === undefined) return { kind: 'unknown' }
  const codes = (codesRow as Readonly<Record<MidtransFraudKey, Codes>>)[fraud]
  return codes.includes(statusCode) ? { kind: 'status', status: statusRow[fraud] } : { kind: 'forged', transactionStatus, fraud, statusCode, allowed: codes }
}

/** The raw status as sent: `transaction_status`, plus `/fraud_status` when there is one ('capture/accept'). */
export function midtransProviderStatus(transactionStatus: string, fraudStatus: string | undefined): string {
  return fraudStatus === undefined ? transactionStatus : `${transactionStatus}/${fraudStatus}`
}

/** Every providerStatus a `deny` notification can carry: 'deny' and 'deny/<fraud_status>'. */
const DENY_PROVIDER_STATUSES = ['deny', ...MIDTRANS_FRAUD_STATUSES.map((fraud) => `deny/${fraud}`)]

/**
 * The move the general table refuses but Midtrans makes (design.md §5): a settlement can turn into
 * `deny` minutes later (channel reversal for Permata VA, Mandiri Bill, Indomaret, providers.md §1.4),
 * so the order is unpaid again, completed → failed. The engine matches providerStatus exactly, hence
 * one rule per deny variant. The engine applies it only to a deny that did not happen before the
 * settlement (provider times): a reversal carries the settlement's settlement_time, a card decline
 * from before the payment does not. The other way round (a declined card, then a settlement) needs no
 * rule: money wins for every provider.
 */
export const MIDTRANS_TRANSITION_EXCEPTIONS: readonly TransitionException[] = DENY_PROVIDER_STATUSES.map(
  (deny) => ({ from: 'completed', to: 'failed', toProviderStatus: deny }) as const,
)
