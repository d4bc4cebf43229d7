import type { Status } from '../../core/status.js'
import type { DatamartEventName, DatamartOrderStatus } from './schema.js'

export const DATAMART_EVENT_STATUS = {
  'order.created': 'pending',
  'order.processing': 'processing',
  'order.completed': 'completed',
  'order.failed': 'failed',
  'order.refunded': 'refunded',
} as const satisfies Record<DatamartEventName, Status>

/**
 * The documented webhook event that reports each status: the order-status API names no event, so a
 * polled status is built as this webhook would be (same providerStatus, same event id).
 */
export const DATAMART_STATUS_EVENT = {
  pending: 'order.created',
  processing: 'order.processing',
  completed: 'order.completed',
  failed: 'order.failed',
  refunded: 'order.refunded',
} as const satisfies { [E in DatamartEventName as (typeof DATAMART_EVENT_STATUS)[E]]: E }

/** `null`: a value the backend has but whose meaning nobody documents; such events change nothing. */
export const DATAMART_ORDER_STATUS = {
  pending: 'pending',
  waiting: 'pending',
  processing: 'processing',
  accepted: 'processing',
  on: null,
  completed: 'completed',
  delivered: 'completed',
  failed: 'failed',
  refunded: 'refunded',
  refund: 'refunded',
} as const satisfies Record<DatamartOrderStatus, Status | null>

/**
 * The event name decides; `data.status` is the fallback for event names outside the documented five,
 * so an undocumented backend status still lands. Returns the raw status that decided, too.
 */
export function datamartStatus(event: string, orderStatus: string | undefined): { status: Status | null; raw: string } {
  if (Object.hasOwn(DATAMART_EVENT_STATUS, event)) {
    return { status: DATAMART_EVENT_STATUS[event as DatamartEventName], raw: event }
  }
  const key = orderStatus?.toLowerCase()
  if (key !== undefined && Object.hasOwn(DATAMART_ORDER_STATUS, key)) {
    return { status: DATAMART_ORDER_STATUS[key as DatamartOrderStatus], raw: `${event}/${key}` }
  }
  return { status: null, raw: orderStatus === undefined ? event : `${event}/${orderStatus}` }
}
