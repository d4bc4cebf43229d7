import type { Delivery, OutboxRow, RecordState, Transition } from '../engine/types.js'
import type { Money } from '../core/event.js'
import { currencyExponent } from '../core/money.js'
import { NON_FINAL_STATUSES } from '../stores/store-helpers.js'
import { isReplayable } from '../engine/replay-delivery.js'
import { errorHint } from './error-hints.js'

// What the console's API sends the page: only fields an operator needs, already redacted by the engine
// (the delivery log holds no secrets), and never the token, cookies or the raw payload of a transition.

/** `{ minor: 29999, currency: 'USD' }` → `'299.99 USD'`, by string arithmetic like toMoney. */
export function formatMoney(money: Money | null | undefined): string | null {
  if (money === null || money === undefined) return null
  const exponent = currencyExponent(money.currency)
  const digits = String(Math.abs(money.minor)).padStart(exponent + 1, '0')
  const whole = digits.slice(0, digits.length - exponent)
  const text = exponent === 0 ? whole : `${whole}.${digits.slice(digits.length - exponent)}`
  return `${money.minor < 0 ? '-' : ''}${text} ${money.currency}`
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
    amount: formatMoney(transition?.event.amount),
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
    expectedAmount: formatMoney(record.expectedAmount),
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
    amount: formatMoney(transition.event.amount),
  }
}
