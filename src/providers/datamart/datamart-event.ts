import { statusEvent, unknownEvent, type EventFields } from '../../core/build-event.js'
import type { StatusEvent, UnknownEvent } from '../../core/event.js'
import { toMoney } from '../../core/money.js'
import { parseIsoDate } from '../../core/parse-date.js'
import type { DatamartPayload } from './schema.js'
import { datamartStatus } from './status-table.js'

export type DatamartEvent = StatusEvent<'datamart', DatamartPayload> | UnknownEvent<'datamart', DatamartPayload>

/** Labels worth showing a person. The phone number is left out on purpose: it is the customer's. */
function datamartDetails(data: DatamartPayload['data']): Record<string, string> | undefined {
  const details: Record<string, string> = {}
  if (data.network) details.network = data.network
  if (data.capacity !== undefined) details.capacity = String(data.capacity)
  if (data.transactionId) details.transactionId = data.transactionId
  return Object.keys(details).length === 0 ? undefined : details
}

/**
 * The event for one validated `{ event, timestamp, data }` envelope. The one place a DataMart event is
 * built: webhooks (adapter.parse) and order-status answers (status-client, translated into this
 * envelope) go through it, so a poll and the webhook reporting the same status get the same id. The id
 * therefore uses only what both carry: `orderReference` (the API's `reference`) and `orderId` as the
 * provider's reference; the webhook's `transactionId`, which the API does not return, is a detail.
 */
export function datamartEvent(payload: DatamartPayload): DatamartEvent {
  const { data } = payload
  const { status, raw } = datamartStatus(payload.event, data.status)
  const fields: EventFields<'datamart', DatamartPayload> = {
    provider: 'datamart',
    reference: data.orderReference,
    providerReference: data.orderId,
    amount: data.price === undefined ? undefined : toMoney(data.price, 'GHS'),
    occurredAt: parseIsoDate(payload.timestamp ?? data.updatedAt),
    details: datamartDetails(data),
    providerStatus: raw,
    raw: payload,
  }
  return status === null ? unknownEvent(fields) : statusEvent('order', status, fields)
}
