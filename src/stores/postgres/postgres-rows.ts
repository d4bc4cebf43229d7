import type { ProviderName } from '../../core/event.js'
import type { Status } from '../../core/status.js'
import type { Delivery, OutboxRow, RecordState, Transition } from '../../engine/types.js'

/** Rows as pg returns them: timestamptz as Date, jsonb parsed, bigint as a string. */
export interface RecordRow {
  provider: string
  reference: string
  /** NULL on the placeholder apply() locks before a record exists. */
  status: string | null
  provider_status: string | null
  expected_minor: string | null
  expected_currency: string | null
  created_at: Date
  updated_at: Date
}

export interface OutboxTableRow {
  id: string
  notifier: string
  transition: Transition
  attempts: number
  next_attempt_at: Date
  state: OutboxRow['state']
  last_error: string | null
}

export interface DeliveryRow {
  id: string
  provider: string
  received_at: Date
  verified: boolean
  outcome: Delivery['outcome']
  error_code: string | null
  event_id: string | null
  reference: string | null
  status: string | null
  method: string | null
  url: string | null
  headers: Record<string, string>
  body: string
}

/** The record a row holds, or null for a placeholder. */
export function recordFromRow(row: RecordRow): RecordState | null {
  if (row.status === null) return null
  return {
    provider: row.provider as ProviderName,
    reference: row.reference,
    status: row.status as Status,
    providerStatus: row.provider_status,
    expectedAmount:
      row.expected_minor === null || row.expected_currency === null
        ? null
        : { minor: Number(row.expected_minor), currency: row.expected_currency },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

/** Parameters $1..$8 of the record update. */
export function recordParams(record: RecordState): unknown[] {
  return [
    record.provider,
    record.reference,
    record.status,
    record.providerStatus,
    record.expectedAmount?.minor ?? null,
    record.expectedAmount?.currency ?? null,
    record.createdAt,
    record.updatedAt,
  ]
}

export function outboxRowFromRow(row: OutboxTableRow): OutboxRow {
  return {
    id: row.id,
    notifier: row.notifier,
    transition: row.transition,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    state: row.state,
    lastError: row.last_error,
  }
}

export function deliveryFromRow(row: DeliveryRow): Delivery {
  return {
    id: row.id,
    provider: row.provider,
    receivedAt: row.received_at,
    verified: row.verified,
    outcome: row.outcome,
    errorCode: row.error_code,
    eventId: row.event_id,
    reference: row.reference,
    status: row.status as Status | null,
    method: row.method,
    url: row.url,
    headers: row.headers,
    body: row.body,
  }
}

/** Parameters $1..$13 of the delivery insert. */
export function deliveryParams(d: Delivery): unknown[] {
  return [
    d.id,
    d.provider,
    d.receivedAt,
    d.verified,
    d.outcome,
    d.errorCode,
    d.eventId,
    d.reference,
    d.status,
    d.method,
    d.url,
    JSON.stringify(d.headers),
    d.body,
  ]
}
