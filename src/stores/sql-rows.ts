import type { ProviderName } from '../core/event.js'
import type { Status } from '../core/status.js'
import type { Delivery, OutboxRow, RecordState, StaleRecord, Transition } from '../engine/types.js'

/**
 * What the SQL stores' drivers hand over differently: better-sqlite3 keeps dates as integer ms,
 * JSON as TEXT and booleans as 0/1; pg gives timestamptz as Date, jsonb parsed and real booleans.
 * JSON is written as text by both (pg casts it with `::jsonb`).
 */
export interface SqlTypes<Time, Json, Bool> {
  readTime(value: Time): Date
  writeTime(date: Date): Time
  readJson(value: Json): unknown
  readBool(value: Bool): boolean
  writeBool(value: boolean): Bool
}

export interface RecordRow<Time> {
  provider: string
  reference: string
  status: string
  provider_status: string | null
  /** A number from SQLite, a string from pg (bigint). */
  expected_minor: number | string | null
  expected_currency: string | null
  status_at: Time | null
  created_at: Time
  updated_at: Time
  check_count: number
}

export interface OutboxTableRow<Time, Json> {
  id: string
  notifier: string
  transition: Json
  attempts: number
  next_attempt_at: Time
  state: OutboxRow['state']
  last_error: string | null
}

export interface DeliveryRow<Time, Json, Bool> {
  id: string
  source: Delivery['source']
  provider: string
  received_at: Time
  verified: Bool
  outcome: Delivery['outcome']
  error_code: string | null
  event_id: string | null
  reference: string | null
  status: string | null
  method: string | null
  url: string | null
  headers: Json
  body: string
}

/** The columns `recordValues` fills, in its order. */
export const RECORD_COLUMNS =
  'provider, reference, status, provider_status, expected_minor, expected_currency, status_at, created_at, updated_at'

/** The columns `deliveryValues` fills, in its order. */
export const DELIVERY_COLUMNS =
  'id, source, provider, received_at, verified, outcome, error_code, event_id, reference, status, method, url, headers, body'

/** The row mapping both SQL stores share, over their driver's types. */
export function sqlRows<Time, Json, Bool>(types: SqlTypes<Time, Json, Bool>) {
  const writeTime = (date: Date | null) => (date === null ? null : types.writeTime(date))

  function recordFromRow(row: RecordRow<Time>): RecordState {
    return {
      provider: row.provider as ProviderName,
      reference: row.reference,
      status: row.status as Status,
      providerStatus: row.provider_status,
      expectedAmount:
        row.expected_minor === null || row.expected_currency === null
          ? null
          : { minor: Number(row.expected_minor), currency: row.expected_currency },
      statusAt: row.status_at === null ? null : types.readTime(row.status_at),
      createdAt: types.readTime(row.created_at),
      updatedAt: types.readTime(row.updated_at),
    }
  }

  return {
    recordFromRow,

    staleFromRow: (row: RecordRow<Time>): StaleRecord => ({ ...recordFromRow(row), checks: row.check_count }),

    /** The record's values in RECORD_COLUMNS order. */
    recordValues: (record: RecordState): unknown[] => [
      record.provider,
      record.reference,
      record.status,
      record.providerStatus,
      record.expectedAmount?.minor ?? null,
      record.expectedAmount?.currency ?? null,
      writeTime(record.statusAt),
      types.writeTime(record.createdAt),
      types.writeTime(record.updatedAt),
    ],

    outboxRowFromRow: (row: OutboxTableRow<Time, Json>): OutboxRow => ({
      id: row.id,
      notifier: row.notifier,
      transition: types.readJson(row.transition) as Transition,
      attempts: row.attempts,
      nextAttemptAt: types.readTime(row.next_attempt_at),
      state: row.state,
      lastError: row.last_error,
    }),

    deliveryFromRow: (row: DeliveryRow<Time, Json, Bool>): Delivery => ({
      id: row.id,
      source: row.source,
      provider: row.provider,
      receivedAt: types.readTime(row.received_at),
      verified: types.readBool(row.verified),
      outcome: row.outcome,
      errorCode: row.error_code,
      eventId: row.event_id,
      reference: row.reference,
      status: row.status as Status | null,
      method: row.method,
      url: row.url,
      headers: types.readJson(row.headers) as Record<string, string>,
      body: row.body,
    }),

    /** The delivery's values in DELIVERY_COLUMNS order. */
    deliveryValues: (d: Delivery): unknown[] => [
      d.id,
      d.source,
      d.provider,
      types.writeTime(d.receivedAt),
      types.writeBool(d.verified),
      d.outcome,
      d.errorCode,
      d.eventId,
      d.reference,
      d.status,
      d.method,
      d.url,
      JSON.stringify(d.headers),
      d.body,
    ],
  }
}
