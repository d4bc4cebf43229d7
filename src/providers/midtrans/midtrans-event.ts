import { statusEvent, unknownEvent, type EventFields } from '../../core/build-event.js'
import type { Money, StatusEvent, WebhookEvent } from '../../core/event.js'
import { toMoney } from '../../core/money.js'
import { wallClockMilliseconds } from '../../core/parse-date.js'
import type { MidtransPayload } from './schema.js'
import { midtransProviderStatus, readMidtransStatus, type MidtransForgery } from './status-table.js'

export type MidtransEvent = WebhookEvent<'midtrans', MidtransPayload>
export type MidtransStatusEvent = StatusEvent<'midtrans', MidtransPayload>

export type MidtransEventResult =
  | { ok: true; event: MidtransEvent }
  /** The status and the signed status_code disagree (status-table.ts): no event may come of it. */
  | { ok: false; forgery: MidtransForgery }

/** "YYYY-MM-DD HH:MM:SS", Jakarta time (GMT+7) with no offset in the string (providers.md §1.3). */
const MIDTRANS_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/
const GMT_PLUS_7_MS = 7 * 60 * 60 * 1000

/**
 * The milliseconds of a Midtrans time. The character scan of wallClockMilliseconds first, the regex for
 * whatever it leaves (a field out of range, which Date.UTC rolls over as before). Numbers rather than
 * Dates, so the two times are compared before the one Date is built. The regex reading was 12.7 % of a
 * Midtrans profile; this, with the synchronous SHA-512, took bench/adapters.mjs from 1.20× to 1.04× of the
 * floor (test/core/parse-date.test.ts holds the scan to the regex).
 */
function jakartaMilliseconds(value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const fast = wallClockMilliseconds(value, GMT_PLUS_7_MS)
  if (fast !== undefined) return fast
  const match = MIDTRANS_TIME.exec(value)
  if (match === null) return undefined
  const [, year, month, day, hour, minute, second] = match
  return Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second)) - GMT_PLUS_7_MS
}

/**
 * The latest provider time the payload carries. The engine orders moves out of a final status by it
 * (design.md §5), so it must not be earlier than what the transaction has been through: a reversal
 * `deny` carries the settlement's settlement_time and is not before that settlement, while a card
 * decline, never settled, only has its transaction_time.
 */
function latestTime(payload: MidtransPayload): Date | undefined {
  const transacted = jakartaMilliseconds(payload.transaction_time)
  const settled = jakartaMilliseconds(payload.settlement_time)
  const latest = transacted === undefined ? settled : settled === undefined ? transacted : Math.max(transacted, settled)
  return latest === undefined ? undefined : new Date(latest)
}

function child(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined
}

/**
 * With Automatic Fee Imposition, gross_amount (the signed one) includes the fee charged to the
 * customer; the order's own total is only in metadata (providers.md §1.8.5). The amount is what an
 * amount-vs-order integrity check compares, so it is the order's total.
 */
function orderAmount(payload: MidtransPayload): Money | undefined {
  const currency = payload.currency ?? 'IDR'
  const original = child(child(child(payload.metadata, 'extra_info'), 'gross_amount_info'), 'original_amount')
  const amount = typeof original === 'string' || typeof original === 'number' ? original : payload.gross_amount
  return toMoney(amount, currency)
}

export function midtransEventFields(payload: MidtransPayload): EventFields<'midtrans', MidtransPayload> {
  return {
    provider: 'midtrans',
    reference: payload.order_id,
    providerReference: payload.transaction_id,
    amount: orderAmount(payload),
    occurredAt: latestTime(payload),
    providerStatus: midtransProviderStatus(payload.transaction_status, payload.fraud_status),
    raw: payload,
  }
}

/**
 * The one event builder for a notification and for a GET status answer (same shape, providers.md
 * §1.7), so a polled status and the same status delivered by webhook share their event id.
 */
export function midtransEvent(payload: MidtransPayload): MidtransEventResult {
  const reading = readMidtransStatus(payload.transaction_status, payload.fraud_status, payload.status_code)
  if (reading.kind === 'forged') return { ok: false, forgery: reading }
  const fields = midtransEventFields(payload)
  return { ok: true, event: reading.kind === 'unknown' ? unknownEvent(fields) : statusEvent('payment', reading.status, fields) }
}
