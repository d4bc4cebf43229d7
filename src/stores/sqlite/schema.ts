import type Database from 'better-sqlite3'

/**
 * The SQLite schema, as ordered migrations. A migration, once released, never changes: a new column
 * or index is a new entry at the end. Dates are integer milliseconds since the epoch; JSON is TEXT.
 */
export const SQLITE_MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'initial tables',
    sql: `
      CREATE TABLE payhooks_claims (
        event_id   TEXT PRIMARY KEY,
        claimed_at INTEGER NOT NULL
      ) WITHOUT ROWID;

      CREATE TABLE payhooks_records (
        provider          TEXT NOT NULL,
        reference         TEXT NOT NULL,
        status            TEXT NOT NULL,
        provider_status   TEXT,
        expected_minor    INTEGER,
        expected_currency TEXT,
        created_at        INTEGER NOT NULL,
        updated_at        INTEGER NOT NULL,
        PRIMARY KEY (provider, reference)
      ) WITHOUT ROWID;
      CREATE INDEX payhooks_records_updated ON payhooks_records (updated_at DESC);

      CREATE TABLE payhooks_outbox (
        seq             INTEGER PRIMARY KEY,
        id              TEXT NOT NULL UNIQUE,
        notifier        TEXT NOT NULL,
        transition      TEXT NOT NULL,
        attempts        INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        state           TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'dead')),
        last_error      TEXT,
        leased_until    INTEGER NOT NULL DEFAULT 0,
        created_at      INTEGER NOT NULL
      );
      CREATE INDEX payhooks_outbox_due ON payhooks_outbox (next_attempt_at) WHERE state = 'pending';
      CREATE INDEX payhooks_outbox_state ON payhooks_outbox (state, seq);

      CREATE TABLE payhooks_deliveries (
        seq         INTEGER PRIMARY KEY,
        id          TEXT NOT NULL,
        provider    TEXT NOT NULL,
        received_at INTEGER NOT NULL,
        verified    INTEGER NOT NULL,
        outcome     TEXT NOT NULL,
        error_code  TEXT,
        event_id    TEXT,
        reference   TEXT,
        status      TEXT,
        method      TEXT,
        url         TEXT,
        headers     TEXT NOT NULL,
        body        TEXT NOT NULL
      );
      CREATE INDEX payhooks_deliveries_received ON payhooks_deliveries (received_at DESC, seq DESC);
      CREATE INDEX payhooks_deliveries_reference ON payhooks_deliveries (reference, received_at DESC);
    `,
  },
  {
    version: 2,
    name: 'reconciliation: status time, checks, next check; delivery source',
    // next_check_at 0 means due now. The partial index holds only the records reconciliation can
    // poll, in the order it takes them; its WHERE must match the store's query term for term.
    sql: `
      ALTER TABLE payhooks_records ADD COLUMN status_at INTEGER;
      ALTER TABLE payhooks_records ADD COLUMN check_count INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE payhooks_records ADD COLUMN next_check_at INTEGER NOT NULL DEFAULT 0;
      CREATE INDEX payhooks_records_stale ON payhooks_records (updated_at, next_check_at)
        WHERE status IN ('pending', 'processing', 'authorized', 'review');

      ALTER TABLE payhooks_deliveries ADD COLUMN source TEXT NOT NULL DEFAULT 'webhook' CHECK (source IN ('webhook', 'poll'));
    `,
  },
  {
    version: 3,
    name: "delivery source 'replay'",
    // SQLite cannot change a CHECK constraint in place: the table is rebuilt (the documented
    // create-copy-drop-rename sequence), its rows and seq order kept, its indexes made again.
    sql: `
      CREATE TABLE payhooks_deliveries_v3 (
        seq         INTEGER PRIMARY KEY,
        id          TEXT NOT NULL,
        provider    TEXT NOT NULL,
        received_at INTEGER NOT NULL,
        verified    INTEGER NOT NULL,
        outcome     TEXT NOT NULL,
        error_code  TEXT,
        event_id    TEXT,
        reference   TEXT,
        status      TEXT,
        method      TEXT,
        url         TEXT,
        headers     TEXT NOT NULL,
        body        TEXT NOT NULL,
        source      TEXT NOT NULL DEFAULT 'webhook' CHECK (source IN ('webhook', 'poll', 'replay'))
      );
      INSERT INTO payhooks_deliveries_v3 (seq, id, provider, received_at, verified, outcome, error_code, event_id, reference, status, method, url, headers, body, source)
        SELECT seq, id, provider, received_at, verified, outcome, error_code, event_id, reference, status, method, url, headers, body, source FROM payhooks_deliveries;
      DROP TABLE payhooks_deliveries;
      ALTER TABLE payhooks_deliveries_v3 RENAME TO payhooks_deliveries;
      CREATE INDEX payhooks_deliveries_received ON payhooks_deliveries (received_at DESC, seq DESC);
      CREATE INDEX payhooks_deliveries_reference ON payhooks_deliveries (reference, received_at DESC);
    `,
  },
]

/** The schema version this build of payhooks brings a file up to. */
export const SQLITE_SCHEMA_VERSION = Math.max(...SQLITE_MIGRATIONS.map((m) => m.version))

/**
 * Brings the file's schema up to date. The version lives in `payhooks_meta` rather than
 * `PRAGMA user_version` because the host may keep its own tables, and its own user_version, in the
 * same file. Runs under BEGIN IMMEDIATE, so two processes opening a new file at once migrate it once.
 */
export function migrateSqlite(db: Database.Database): number {
  const migrate = db.transaction(() => {
    db.exec('CREATE TABLE IF NOT EXISTS payhooks_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID')
    const row = db.prepare(`SELECT value FROM payhooks_meta WHERE key = 'schema_version'`).get() as { value: string } | undefined
    const current = row === undefined ? 0 : Number(row.value)
    // A file already migrated by a newer payhooks is left as it is: migrations only add, so an older
    // payhooks still finds its tables and columns (a rolling deploy runs both for a while).
    if (current >= SQLITE_SCHEMA_VERSION) return current
    for (const migration of SQLITE_MIGRATIONS) {
      if (migration.version <= current) continue
      db.exec(migration.sql)
    }
    db.prepare(
      `INSERT INTO payhooks_meta (key, value) VALUES ('schema_version', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`
    ).run(String(SQLITE_SCHEMA_VERSION))
    return SQLITE_SCHEMA_VERSION
  })
  return migrate.immediate()
}
