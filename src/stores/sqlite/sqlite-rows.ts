import type { ProviderName } from '../../core/event.js'
import type { Status } from '../../core/status.js'
import type { Delivery, OutboxRow, RecordState, Transition } from '../../engine/types.js'

/** Rows as better-sqlite3 returns them: dates are integer ms, JSON is TEXT, booleans are 0/1. */
export interface RecordRow {
  provider: string
  reference: string
  status: string
  provider_status: string | null
  expected_minor: number | null
  expected_currency: string | null
  created_at: number
  updated_at: number
}

export interface OutboxTableRow {
  seq: number
  id: string
  notifier: string
  transition: string
  attempts: number
  next_attempt_at: number
  state: OutboxRow['state']
  last_error: string | null
}

export interface DeliveryRow {
  id: string
  provider: string
  received_at: number
  verified: number
  outcome: Delivery['outcome']
  error_code: string | null
  event_id: string | null
  reference: string | null
  status: string | null
  method: string | null
  url: string | null
  headers: string
  body: string
}

export function recordFromRow(row: RecordRow): RecordState {
  return {
    provider: row.provider as ProviderName,
    reference: row.reference,
    status: row.status as Status,
    providerStatus: row.provider_status,
    expectedAmount:
      row.expected_minor === null || row.expected_currency === null ? null : { minor: row.expected_minor, currency: row.expected_currency },
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  }
}

/** Named parameters for the records upsert. */
export function recordParams(record: RecordState) {
  return {
    provider: record.provider,
    reference: record.reference,
    status: record.status,
    providerStatus: record.providerStatus,
    expectedMinor: record.expectedAmount?.minor ?? null,
    expectedCurrency: record.expectedAmount?.currency ?? null,
    createdAt: record.createdAt.getTime(),
    updatedAt: record.updatedAt.getTime(),
  }
}

export function outboxRowFromRow(row: OutboxTableRow): OutboxRow {
  return {
    id: row.id,
    notifier: row.notifier,
    transition: JSON.parse(row.transition) as Transition,
    attempts: row.attempts,
    nextAttemptAt: new Date(row.next_attempt_at),
    state: row.state,
    lastError: row.last_error,
  }
}

export function deliveryFromRow(row: DeliveryRow): Delivery {
  return {
    id: row.id,
    provider: row.provider,
    receivedAt: new Date(row.received_at),
    verified: row.verified === 1,
    outcome: row.outcome,
    errorCode: row.error_code,
    eventId: row.event_id,
    reference: row.reference,
    status: row.status as Status | null,
    method: row.method,
    url: row.url,
    headers: JSON.parse(row.headers) as Record<string, string>,
    body: row.body,
  }
}

/** Named parameters for the delivery insert. */
export function deliveryParams(delivery: Delivery) {
  return {
    id: delivery.id,
    provider: delivery.provider,
    receivedAt: delivery.receivedAt.getTime(),
    verified: delivery.verified ? 1 : 0,
    outcome: delivery.outcome,
    errorCode: delivery.errorCode,
    eventId: delivery.eventId,
    reference: delivery.reference,
    status: delivery.status,
    method: delivery.method,
    url: delivery.url,
    headers: JSON.stringify(delivery.headers),
    body: delivery.body,
  }
}
