import type { TransitionException } from '../../core/adapter.js'
import type { StatefulKind } from '../../core/event.js'
import type { Status } from '../../core/status.js'
import type { ClickpesaEventName, ClickpesaPaymentStatus, ClickpesaPayoutStatus } from './schema.js'

/** Which `data.status` table decides an event; `null`: the event name alone decides. */
type DataStatusTable = 'payment' | 'payout' | null

interface EventRow {
  kind: StatefulKind
  /** The status when `data.status` is absent, or when the event name alone decides. */
  status: Status
  decidedBy: DataStatusTable
}

/**
 * How each documented event is read (providers.md §3.1–§3.2).
 * - RECEIVED events and PAYOUT INITIATED describe a transaction whose `data.status` says where it is:
 *   PAYOUT INITIATED's official sample already says SUCCESS (§3.6.4). Without `data.status` the event
 *   name stands: a received payment or deposit is paid; an initiated payout is under way.
 * - PAYMENT FAILED, PAYOUT REFUNDED and PAYOUT REVERSED are outcomes in their own right: a contradicting
 *   `data.status` does not turn a failure notice into a success.
 */
export const CLICKPESA_EVENT = {
  'PAYMENT RECEIVED': { kind: 'payment', status: 'completed', decidedBy: 'payment' },
  'PAYMENT FAILED': { kind: 'payment', status: 'failed', decidedBy: null },
  'PAYOUT INITIATED': { kind: 'payout', status: 'processing', decidedBy: 'payout' },
  'PAYOUT REFUNDED': { kind: 'payout', status: 'refunded', decidedBy: null },
  'PAYOUT REVERSED': { kind: 'payout', status: 'reversed', decidedBy: null },
  'DEPOSIT RECEIVED': { kind: 'deposit', status: 'completed', decidedBy: 'payment' },
} as const satisfies Record<ClickpesaEventName, EventRow>

/** SUCCESS is paid but not yet settled to the merchant, SETTLED is settled: both are paid (§3.2). */
export const CLICKPESA_PAYMENT_STATUS = {
  SUCCESS: 'completed',
  SETTLED: 'completed',
  PROCESSING: 'processing',
  PENDING: 'pending',
  FAILED: 'failed',
  'ON-HOLD': 'review',
} as const satisfies Record<ClickpesaPaymentStatus, Status>

/** REFUNDED: the payout came back to the merchant's balance; REVERSED: it was reversed (§3.2). */
export const CLICKPESA_PAYOUT_STATUS = {
  SUCCESS: 'completed',
  PROCESSING: 'processing',
  PENDING: 'pending',
  FAILED: 'failed',
  REFUNDED: 'refunded',
  REVERSED: 'reversed',
} as const satisfies Record<ClickpesaPayoutStatus, Status>

/**
 * The kind and status of one webhook, or null (kind 'unknown') for an event name ClickPesa does not
 * document, or a `data.status` outside the deciding table: neither is known to be safe to apply.
 * `data.status` is matched in any case; ClickPesa sends it upper-case.
 */
export function clickpesaStatus(event: string, dataStatus: string | undefined): { kind: StatefulKind; status: Status } | null {
  if (!Object.hasOwn(CLICKPESA_EVENT, event)) return null
  const row: EventRow = CLICKPESA_EVENT[event as ClickpesaEventName]
  if (row.decidedBy === null || dataStatus === undefined) return row
  const table: Readonly<Record<string, Status>> = row.decidedBy === 'payment' ? CLICKPESA_PAYMENT_STATUS : CLICKPESA_PAYOUT_STATUS
  const key = dataStatus.toUpperCase()
  return Object.hasOwn(table, key) ? { kind: row.kind, status: table[key] as Status } : null
}

/** The raw status as sent: the event name, plus `/data.status` when there is one ('PAYOUT INITIATED/SUCCESS'). */
export function clickpesaProviderStatus(event: string, dataStatus: string | undefined): string {
  return dataStatus === undefined ? event : `${event}/${dataStatus}`
}

/**
 * None: a later success after a failed attempt on the same reference is the general money-wins rule
 * (design.md §5), not an exception of this provider's.
 */
export const CLICKPESA_TRANSITION_EXCEPTIONS: readonly TransitionException[] = []
