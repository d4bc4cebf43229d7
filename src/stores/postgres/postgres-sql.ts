import { DELIVERY_COLUMNS } from '../sql-rows.js'
import { NON_FINAL_SQL, REQUEUEABLE_SQL } from '../store-helpers.js'

/** $3..$9 of the record's values (sqlRows' recordValues): the record is $1, $2. */
const SET_RECORD =
  'status = $3, provider_status = $4, expected_minor = $5, expected_currency = $6, status_at = $7, created_at = $8, updated_at = $9'

/**
 * Explicit because the locking relies on it: after waiting on another transaction's claim or
 * placeholder, the next statement must see what that transaction committed.
 */
export const BEGIN = 'BEGIN ISOLATION LEVEL READ COMMITTED'

/**
 * apply()'s first round trip: BEGIN and the claim-and-lock function (migration 4) as one
 * simple-protocol query. Several statements in one message, which a parameterized query cannot
 * carry, so the values travel as escaped literals; the function's own statements are planned once
 * per connection. No row: the event was claimed already. A row: the record, locked (a placeholder
 * when new).
 */
export function claimAndLockSql(literal: (value: string) => string, eventId: string, provider: string, reference: string): string {
  return `${BEGIN}; SELECT * FROM payhooks_claim_and_lock(${literal(eventId)}, ${literal(provider)}, ${literal(reference)})`
}

/** A value as a literal for a simple-protocol query: NULL, a text[] array, or an escaped string PostgreSQL casts. */
function literalOf(literal: (value: string) => string, value: unknown): string {
  if (value === null) return 'NULL'
  if (Array.isArray(value)) return `ARRAY[${value.map((item) => literal(String(item))).join(', ')}]::text[]`
  return literal(value instanceof Date ? value.toISOString() : String(value))
}

/**
 * apply()'s second and last round trip for an applied event: the write function (migration 4) and
 * COMMIT as one simple-protocol query, values as escaped literals (recordValues, then the outbox's
 * ids, notifiers, transition JSON and due time).
 */
export function writeAppliedAndCommitSql(literal: (value: string) => string, values: unknown[]): string {
  return `SELECT payhooks_write_applied(${values.map((value) => literalOf(literal, value)).join(', ')}); COMMIT`
}

export const SQL = {
  placeholder: 'INSERT INTO payhooks_records (provider, reference) VALUES ($1, $2) ON CONFLICT DO NOTHING',
  // A stale or suspicious event for a record that did not exist: its placeholder goes and the
  // suspicious transition's outbox rows (none for stale: empty arrays) are written, in one round trip.
  dropPlaceholderWithOutbox: `
    WITH dropped AS (
      DELETE FROM payhooks_records WHERE provider = $1 AND reference = $2 AND status IS NULL
    )
    INSERT INTO payhooks_outbox (id, notifier, transition, next_attempt_at)
    SELECT id, notifier, $5::jsonb, $6 FROM unnest($3::text[], $4::text[]) AS rows (id, notifier)
    ON CONFLICT (id) DO NOTHING`,
  lockRecord: 'SELECT * FROM payhooks_records WHERE provider = $1 AND reference = $2 FOR UPDATE',
  // expect(): a record's reconciliation schedule is kept.
  updateRecord: `UPDATE payhooks_records SET ${SET_RECORD} WHERE provider = $1 AND reference = $2`,
  getRecord: 'SELECT * FROM payhooks_records WHERE provider = $1 AND reference = $2 AND status IS NOT NULL',
  listRecords: `
    SELECT * FROM payhooks_records WHERE status IS NOT NULL AND ($1::text IS NULL OR provider = $1)
      AND ($3::text IS NULL OR reference = $3)
      AND ($4::timestamptz IS NULL OR (status IN ${NON_FINAL_SQL} AND updated_at < $4))
    ORDER BY updated_at DESC LIMIT $2`,
  insertDelivery: `
    INSERT INTO payhooks_deliveries (${DELIVERY_COLUMNS})
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb, $14)`,
  deliveries: `
    SELECT * FROM payhooks_deliveries WHERE ($1::text IS NULL OR provider = $1) AND ($2::text IS NULL OR reference = $2)
      AND ($4::text IS NULL OR id = $4) AND ($5::timestamptz IS NULL OR received_at >= $5)
    ORDER BY received_at DESC, seq DESC LIMIT $3`,
  // SKIP LOCKED: a second process draining at the same moment takes other rows instead of waiting.
  takeDue: `
    WITH due AS (
      SELECT id FROM payhooks_outbox
      WHERE state = 'pending' AND next_attempt_at <= $1 AND (leased_until IS NULL OR leased_until <= $1)
      ORDER BY next_attempt_at, seq LIMIT $3
      FOR UPDATE SKIP LOCKED
    ), taken AS (
      UPDATE payhooks_outbox o SET attempts = o.attempts + 1, leased_until = $2 FROM due WHERE o.id = due.id
      RETURNING o.*
    )
    SELECT * FROM taken ORDER BY next_attempt_at, seq`,
  markSent: `UPDATE payhooks_outbox SET state = 'sent', leased_until = NULL WHERE id = $1`,
  markFailed: `
    UPDATE payhooks_outbox SET last_error = $2, leased_until = NULL,
      state = CASE WHEN $3::timestamptz IS NULL THEN 'dead' ELSE state END,
      next_attempt_at = COALESCE($3::timestamptz, next_attempt_at)
    WHERE id = $1`,
  notifications: `SELECT * FROM payhooks_outbox WHERE ($1::text IS NULL OR state = $1)
    AND ($3::text IS NULL OR transition->'record'->>'reference' = $3) ORDER BY seq LIMIT $2`,
  // An operator's retry (Store.requeueNotifications): due now, unleased, attempts counted afresh.
  requeueOne: `UPDATE payhooks_outbox SET state = 'pending', next_attempt_at = $1, attempts = 0, leased_until = NULL
    WHERE id = $2 AND ${REQUEUEABLE_SQL} RETURNING id`,
  requeueDead: `UPDATE payhooks_outbox SET state = 'pending', next_attempt_at = $1, attempts = 0, leased_until = NULL WHERE state = 'dead'
    RETURNING id`,
  // SKIP LOCKED: a second instance reconciling at the same moment takes other records, and a record
  // that apply() holds locked is left to the next round. The inner SELECT is served by the partial
  // index payhooks_records_stale.
  leaseStale: `
    WITH due AS (
      SELECT provider, reference FROM payhooks_records
      WHERE status IN ${NON_FINAL_SQL} AND updated_at < $1 AND (next_check_at IS NULL OR next_check_at <= $2)
        AND ($5::text[] IS NULL OR provider = ANY ($5::text[]))
      ORDER BY updated_at LIMIT $4
      FOR UPDATE SKIP LOCKED
    ), leased AS (
      UPDATE payhooks_records r SET next_check_at = $3 FROM due
      WHERE r.provider = due.provider AND r.reference = due.reference
      RETURNING r.*
    )
    SELECT * FROM leased ORDER BY updated_at`,
  scheduleCheck: `
    UPDATE payhooks_records SET next_check_at = $3, check_count = $4
    WHERE provider = $1 AND reference = $2 AND status IS NOT NULL`,
} as const
