import { DELIVERY_COLUMNS, RECORD_COLUMNS } from '../sql-rows.js'
import { NON_FINAL_SQL, REQUEUEABLE_SQL } from '../store-helpers.js'

const RECORD_UPSERT = `
  INSERT INTO payhooks_records (${RECORD_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (provider, reference) DO UPDATE SET
    status = excluded.status, provider_status = excluded.provider_status, expected_minor = excluded.expected_minor,
    expected_currency = excluded.expected_currency, status_at = excluded.status_at, updated_at = excluded.updated_at`

/** The SQLite store's statements, prepared once per open file. */
export const SQL = {
  claim: 'INSERT INTO payhooks_claims (event_id, claimed_at) VALUES (?, ?) ON CONFLICT DO NOTHING',
  releaseClaim: 'DELETE FROM payhooks_claims WHERE event_id = ?',
  getRecord: 'SELECT * FROM payhooks_records WHERE provider = ? AND reference = ?',
  /** expect(): a record's reconciliation schedule is kept. */
  upsertRecord: RECORD_UPSERT,
  /** apply(): a record that moved is judged afresh, so its checks restart and its next check is due. */
  applyRecord: `${RECORD_UPSERT}, check_count = 0, next_check_at = 0`,
  scheduleCheck: 'UPDATE payhooks_records SET next_check_at = ?, check_count = ? WHERE provider = ? AND reference = ?',
  insertOutbox: `INSERT INTO payhooks_outbox (id, notifier, transition, next_attempt_at, created_at, state) VALUES (?, ?, ?, ?, ?, 'pending') ON CONFLICT (id) DO NOTHING`,
  /** Takes due rows and counts the attempt in one statement, which SQLite runs under its write lock. */
  takeDue: `
    UPDATE payhooks_outbox SET attempts = attempts + 1, leased_until = @leasedUntil
    WHERE seq IN (
      SELECT seq FROM payhooks_outbox
      WHERE state = 'pending' AND next_attempt_at <= @now AND leased_until <= @now
      ORDER BY next_attempt_at, seq LIMIT @limit)
    RETURNING *`,
  markSent: `UPDATE payhooks_outbox SET state = 'sent', leased_until = 0 WHERE id = ?`,
  markFailed: `
    UPDATE payhooks_outbox SET last_error = @error, leased_until = 0,
      state = CASE WHEN @nextAttemptAt IS NULL THEN 'dead' ELSE state END,
      next_attempt_at = COALESCE(@nextAttemptAt, next_attempt_at)
    WHERE id = @id`,
  /** An operator's retry (Store.requeueNotifications): due now, unleased, attempts counted afresh. */
  requeueOne: `UPDATE payhooks_outbox SET state = 'pending', next_attempt_at = ?, attempts = 0, leased_until = 0 WHERE id = ? AND ${REQUEUEABLE_SQL}`,
  requeueDead: `UPDATE payhooks_outbox SET state = 'pending', next_attempt_at = ?, attempts = 0, leased_until = 0 WHERE state = 'dead'`,
  insertDelivery: `INSERT INTO payhooks_deliveries (${DELIVERY_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
} as const

/**
 * Leases stale records in one statement: the inner SELECT picks them (served by the partial index
 * payhooks_records_stale), the UPDATE moves their next check to the lease's end. Parameters: the
 * lease's end, updatedBefore, now, one per filtered provider, limit. Run under BEGIN IMMEDIATE.
 */
export function leaseStaleSql(providers: number | undefined): string {
  // No filter for undefined; an empty list is SQLite's `IN ()`, which matches nothing. The unary +
  // keeps the planner from searching the primary key by provider (every record of it, final ones
  // included) instead of walking the partial index.
  const only = providers === undefined ? '' : `AND +provider IN (${Array.from({ length: providers }, () => '?').join(', ')})`
  return `
    UPDATE payhooks_records SET next_check_at = ?
    WHERE (provider, reference) IN (
      SELECT provider, reference FROM payhooks_records
      WHERE status IN ${NON_FINAL_SQL} AND updated_at < ? AND next_check_at <= ? ${only}
      ORDER BY updated_at LIMIT ?)
    RETURNING *`
}
