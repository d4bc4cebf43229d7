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
 * The status of one notification, or null (kind 'unknown') for a `transaction_status` Midtrans does
 * not document, or a card status whose `fraud_status` is not one of the documented verdicts: such a
 * capture is not known to be safe, so it changes nothing.
 */
export function midtransStatus(transactionStatus: string, fraudStatus: string | undefined): Status | null {
  if (!Object.hasOwn(MIDTRANS_STATUS, transactionStatus)) return null
  const row = MIDTRANS_STATUS[transactionStatus as MidtransTransactionStatus]
  if (typeof row === 'string') return row
  if (fraudStatus === undefined) return row.absent
  return isFraudStatus(fraudStatus) ? row[fraudStatus] : null
}

function isFraudStatus(value: string): value is MidtransFraudStatus {
  return (MIDTRANS_FRAUD_STATUSES as readonly string[]).includes(value)
}

/** The raw status as sent: `transaction_status`, plus `/fraud_status` when there is one ('capture/accept'). */
export function midtransProviderStatus(transactionStatus: string, fraudStatus: string | undefined): string {
  return fraudStatus === undefined ? transactionStatus : `${transactionStatus}/${fraudStatus}`
}

/** Every providerStatus a `deny` notification can carry: 'deny' and 'deny/<fraud_status>'. */
const DENY_PROVIDER_STATUSES = ['deny', ...MIDTRANS_FRAUD_STATUSES.map((fraud) => `deny/${fraud}`)]

/**
 * Moves the general table refuses but Midtrans makes (design.md §5). The engine matches providerStatus
 * exactly, hence one rule per deny variant.
 * - A settlement can turn into `deny` minutes later (channel reversal for Permata VA, Mandiri Bill,
 *   Indomaret, providers.md §1.4): the order is unpaid again, completed → failed.
 * - `deny` is not final (the SDK says it often allows a retry, §1.5): a later settlement or accepted
 *   capture moves a deny-failed record → completed. A `failure` or fraud-denied capture stays final.
 */
export const MIDTRANS_TRANSITION_EXCEPTIONS: readonly TransitionException[] = [
  ...DENY_PROVIDER_STATUSES.map((deny) => ({ from: 'completed', to: 'failed', toProviderStatus: deny }) as const),
  ...DENY_PROVIDER_STATUSES.map((deny) => ({ from: 'failed', fromProviderStatus: deny, to: 'completed' }) as const),
]
