import { statusEvent, unknownEvent, type EventFields } from '../../core/build-event.js'
import type { Money, StatusEvent, UnknownEvent } from '../../core/event.js'
import { toMoney } from '../../core/money.js'
import { parseIsoDate } from '../../core/parse-date.js'
import type { ClickpesaData, ClickpesaPayload } from './schema.js'
import { clickpesaProviderStatus, clickpesaStatus } from './status-table.js'

export type ClickpesaEvent = StatusEvent<'clickpesa', ClickpesaPayload> | UnknownEvent<'clickpesa', ClickpesaPayload>

/** Payments send `collectedAmount`/`collectedCurrency`, payouts and the March 2025 docs `amount`/`currency` (§3.6.2). */
function clickpesaAmount(data: ClickpesaData): Money | undefined {
  const amount = data.collectedAmount ?? data.amount
  if (amount === undefined || amount === null) return undefined
  return toMoney(amount, data.collectedCurrency ?? data.currency ?? 'TZS')
}

/**
 * The event for one validated `{ event, data }` envelope. The one place a ClickPesa event is built:
 * webhooks (adapter.parse) and status-API answers (status-client) go through it, so a poll and the
 * webhook carrying the same attempt and status get the same id.
 */
export function clickpesaEvent(payload: ClickpesaPayload): ClickpesaEvent {
  const { data } = payload
  // The schema requires one of the two keys; `eventType` is the older PAYMENT FAILED sample's (§3.6.1).
  const event = (payload.event ?? payload.eventType) as string
  const dataStatus = data.status ?? undefined
  const decided = clickpesaStatus(event, dataStatus)
  const fields: EventFields<'clickpesa', ClickpesaPayload> = {
    provider: 'clickpesa',
    reference: data.orderReference,
    providerReference: data.id ?? data.paymentId ?? undefined,
    amount: clickpesaAmount(data),
    occurredAt: parseIsoDate(data.updatedAt ?? data.createdAt),
    providerStatus: clickpesaProviderStatus(event, dataStatus),
    raw: payload,
  }
  return decided === null ? unknownEvent(fields) : statusEvent(decided.kind, decided.status, fields)
}
