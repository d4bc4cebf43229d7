import type { Delivery, OutboxRow, RecordState, Transition } from '../engine/types.js'
import type { Money } from '../core/event.js'
import { formatMoney } from '../core/money.js'
import { NON_FINAL_STATUSES } from '../stores/store-helpers.js'
import { isReplayable } from '../engine/replay-delivery.js'
import { errorHint } from './error-hints.js'

// What the console's API sends the page: only fields an operator needs, already redacted by the engine
// (the delivery log holds no secrets), and never the token, cookies or the raw payload of a transition.

/** An amount as the page shows it; none for no amount. */
export function amountText(money: Money | null | undefined): string | null {
  return money === null || money === undefined ? null : formatMoney(money)
}

export function deliverySummary(delivery: Delivery, transition?: Transition) {
  return {
    id: delivery.id,
    source: delivery.source,
    provider: delivery.provider,
    receivedAt: delivery.receivedAt,
    verified: delivery.verified,
    outcome: delivery.outcome,
    errorCode: delivery.errorCode,
    hint: errorHint(delivery.errorCode),
    reference: delivery.reference,
    status: delivery.status,
    replayable: isReplayable(delivery),
    from: transition?.from ?? null,
    to: transition?.to ?? null,
    amount: amountText(transition?.event.amount),
    details: transition?.event.details ?? null,
  }
}

export function deliveryDetail(delivery: Delivery) {
  return { ...deliverySummary(delivery), method: delivery.method, url: delivery.url, headers: delivery.headers, body: delivery.body }
}

export function recordView(record: RecordState) {
  return {
    provider: record.provider,
    reference: record.reference,
    status: record.status,
    /** Still waiting for the provider (what the reconciler polls): the page offers "Reconcile now". */
    open: NON_FINAL_STATUSES.has(record.status),
    providerStatus: record.providerStatus,
    expectedAmount: amountText(record.expectedAmount),
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  }
}

export function outboxView(row: OutboxRow) {
  const { transition } = row
  return {
    id: row.id,
    notifier: row.notifier,
    state: row.state,
    attempts: row.attempts,
    nextAttemptAt: row.nextAttemptAt,
    lastError: row.lastError,
    type: transition.type,
    provider: transition.record.provider,
    reference: transition.record.reference,
    from: transition.from,
    to: transition.to,
    amount: amountText(transition.event.amount),
  }
}
