import { DELIVERY_COLUMNS } from '../sql-rows.js'
import { NON_FINAL_SQL, REQUEUEABLE_SQL } from '../store-helpers.js'

/** $3..$9 of the record's values (sqlRows' recordValues): the record is $1, $2. */
const SET_RECORD =
  'status = $3, provider_status = $4, expected_minor = $5, expected_currency = $6, status_at = $7, created_at = $8, updated_at = $9'

export const SQL = {
  // One round trip for the claim and, only when claimed, the placeholder that makes a new record lockable.
  // Data-modifying CTEs always run; the placeholder's INSERT is skipped by its WHERE for a duplicate.
  claimAndPlace: `
    WITH claim AS (
      INSERT INTO payhooks_claims (event_id) VALUES ($1) ON CONFLICT DO NOTHING RETURNING event_id
    ), placeholder AS (
      INSERT INTO payhooks_records (provider, reference) SELECT $2, $3 WHERE EXISTS (SELECT 1 FROM claim)
      ON CONFLICT DO NOTHING
    )
    SELECT count(*)::int AS claimed FROM claim`,
  placeholder: 'INSERT INTO payhooks_records (provider, reference) VALUES ($1, $2) ON CONFLICT DO NOTHING',
  lockRecord: 'SELECT * FROM payhooks_records WHERE provider = $1 AND reference = $2 FOR UPDATE',
  dropPlaceholder: 'DELETE FROM payhooks_records WHERE provider = $1 AND reference = $2 AND status IS NULL',
  // expect(): a record's reconciliation schedule is kept.
  updateRecord: `UPDATE payhooks_records SET ${SET_RECORD} WHERE provider = $1 AND reference = $2`,
  // apply(): the status write and its outbox rows in one statement (one round trip, same transaction
  // either way). A record that moved is judged afresh, so its checks restart and its next check is due.
  updateRecordWithOutbox: `
    WITH updated AS (
      UPDATE payhooks_records SET ${SET_RECORD}, check_count = 0, next_check_at = NULL
      WHERE provider = $1 AND reference = $2
    )
    INSERT INTO payhooks_outbox (id, notifier, transition, next_attempt_at)
    SELECT id, notifier, $12::jsonb, $13 FROM unnest($10::text[], $11::text[]) AS rows (id, notifier)
    ON CONFLICT (id) DO NOTHING`,
  insertOutbox: `
    INSERT INTO payhooks_outbox (id, notifier, transition, next_attempt_at)
    SELECT id, notifier, $3::jsonb, $4 FROM unnest($1::text[], $2::text[]) AS rows (id, notifier)
    ON CONFLICT (id) DO NOTHING`,
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
