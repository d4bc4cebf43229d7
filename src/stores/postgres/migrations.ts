import { driverPool, type PostgresPool } from './postgres-pool.js'

/**
 * The PostgreSQL schema, as ordered migrations. A migration, once released, never changes: a new
 * column or index is a new entry at the end. Each one runs in the migrating transaction, so it
 * applies entirely or not at all.
 */
export const POSTGRES_MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'initial tables',
    sql: `
      CREATE TABLE payhooks_claims (
        event_id   text PRIMARY KEY,
        claimed_at timestamptz NOT NULL DEFAULT now()
      );

      -- status NULL marks a placeholder: apply() inserts one so that it can lock a record that does
      -- not exist yet. It is never committed: the transaction fills it in or deletes it.
      CREATE TABLE payhooks_records (
        provider          text NOT NULL,
        reference         text NOT NULL,
        status            text,
        provider_status   text,
        expected_minor    bigint,
        expected_currency text,
        created_at        timestamptz NOT NULL DEFAULT now(),
        updated_at        timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (provider, reference)
      );
      CREATE INDEX payhooks_records_updated ON payhooks_records (updated_at DESC);

      CREATE TABLE payhooks_outbox (
        seq             bigint GENERATED ALWAYS AS IDENTITY,
        id              text PRIMARY KEY,
        notifier        text NOT NULL,
        transition      jsonb NOT NULL,
        attempts        integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        state           text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'dead')),
        last_error      text,
        leased_until    timestamptz,
        created_at      timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX payhooks_outbox_due ON payhooks_outbox (next_attempt_at, seq) WHERE state = 'pending';
      CREATE INDEX payhooks_outbox_state ON payhooks_outbox (state, seq);

      CREATE TABLE payhooks_deliveries (
        seq         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id          text NOT NULL,
        provider    text NOT NULL,
        received_at timestamptz NOT NULL,
        verified    boolean NOT NULL,
        outcome     text NOT NULL,
        error_code  text,
        event_id    text,
        reference   text,
        status      text,
        method      text,
        url         text,
        headers     jsonb NOT NULL,
        body        text NOT NULL
      );
      CREATE INDEX payhooks_deliveries_received ON payhooks_deliveries (received_at DESC, seq DESC);
      CREATE INDEX payhooks_deliveries_reference ON payhooks_deliveries (reference, received_at DESC);
    `,
  },
  {
    version: 2,
    name: 'reconciliation: status time, checks, next check; delivery source',
    // Columns with constant defaults are added without rewriting the tables. next_check_at NULL means
    // due now. The partial index holds only the records reconciliation can poll, in the order it takes
    // them; its WHERE must match the store's query term for term.
    sql: `
      ALTER TABLE payhooks_records
        ADD COLUMN status_at timestamptz,
        ADD COLUMN check_count integer NOT NULL DEFAULT 0,
        ADD COLUMN next_check_at timestamptz;
      CREATE INDEX payhooks_records_stale ON payhooks_records (updated_at, next_check_at)
        WHERE status IN ('pending', 'processing', 'authorized', 'review');

      ALTER TABLE payhooks_deliveries
        ADD COLUMN source text NOT NULL DEFAULT 'webhook' CHECK (source IN ('webhook', 'poll'));
    `,
  },
  {
    version: 3,
    name: "delivery source 'replay'",
    // The constraint version 2 created has PostgreSQL's generated name; no rows are rewritten.
    sql: `
      ALTER TABLE payhooks_deliveries
        DROP CONSTRAINT payhooks_deliveries_source_check,
        ADD CONSTRAINT payhooks_deliveries_source_check CHECK (source IN ('webhook', 'poll', 'replay'));
    `,
  },
  {
    version: 4,
    name: 'apply: claim and lock, and the applied write, as functions',
    // apply()'s first round trip calls this instead of sending the statements: PL/pgSQL plans each
    // statement once per connection, where a simple-protocol message is parsed and planned every
    // time. No row means the event was claimed already. Otherwise a placeholder (status NULL) makes a
    // new record lockable and the record comes back locked. VOLATILE, so under READ COMMITTED each
    // statement takes a fresh snapshot: the lock sees a placeholder a concurrent transaction committed
    // while the claim or the placeholder insert waited on it. Tables resolve through the caller's
    // search_path, like the store's other statements.
    sql: `
      CREATE FUNCTION payhooks_claim_and_lock(claimed_event_id text, record_provider text, record_reference text)
        RETURNS SETOF payhooks_records LANGUAGE plpgsql VOLATILE AS $$
      BEGIN
        INSERT INTO payhooks_claims (event_id) VALUES (claimed_event_id) ON CONFLICT DO NOTHING;
        IF NOT FOUND THEN
          RETURN;
        END IF;
        INSERT INTO payhooks_records (provider, reference) VALUES (record_provider, record_reference) ON CONFLICT DO NOTHING;
        RETURN QUERY SELECT * FROM payhooks_records r
          WHERE r.provider = record_provider AND r.reference = record_reference FOR UPDATE;
      END
      $$;

      -- apply()'s write for an applied event: the status (a record that moved is judged afresh, so
      -- its checks restart and its next check is due) and its outbox rows. Called in the message that
      -- also commits, so an applied event takes two round trips.
      CREATE FUNCTION payhooks_write_applied(
        record_provider text, record_reference text, new_status text, new_provider_status text,
        new_expected_minor bigint, new_expected_currency text, new_status_at timestamptz,
        new_created_at timestamptz, new_updated_at timestamptz,
        outbox_ids text[], outbox_notifiers text[], outbox_transition jsonb, outbox_next_attempt_at timestamptz
      ) RETURNS void LANGUAGE plpgsql VOLATILE AS $$
      BEGIN
        UPDATE payhooks_records SET status = new_status, provider_status = new_provider_status,
          expected_minor = new_expected_minor, expected_currency = new_expected_currency, status_at = new_status_at,
          created_at = new_created_at, updated_at = new_updated_at, check_count = 0, next_check_at = NULL
        WHERE provider = record_provider AND reference = record_reference;
        INSERT INTO payhooks_outbox (id, notifier, transition, next_attempt_at)
        SELECT o.id, o.notifier, outbox_transition, outbox_next_attempt_at FROM unnest(outbox_ids, outbox_notifiers) AS o (id, notifier)
        ON CONFLICT (id) DO NOTHING;
      END
      $$;
    `,
  },
]

/**
 * Applies the migrations this database lacks and returns their versions (empty when it is up to
 * date). Safe to run from several processes at once: they queue on one advisory lock, held until
 * the migrating transaction ends, and each then sees what the previous one recorded.
 */
export async function migratePostgres(pool: PostgresPool): Promise<number[]> {
  const client = await driverPool(pool).connect()
  let broken = false
  try {
    await client.query('BEGIN')
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('payhooks_migrations'))`)
    await client.query(`
      CREATE TABLE IF NOT EXISTS payhooks_migrations (
        version    integer PRIMARY KEY,
        name       text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`)
    const { rows } = await client.query<{ version: number }>('SELECT version FROM payhooks_migrations')
    const done = new Set(rows.map((row) => row.version))
    const applied: number[] = []
    for (const migration of POSTGRES_MIGRATIONS) {
      if (done.has(migration.version)) continue
      await client.query(migration.sql)
      await client.query('INSERT INTO payhooks_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name])
      applied.push(migration.version)
    }
    await client.query('COMMIT')
    return applied
  } catch (error) {
    await client.query('ROLLBACK').catch(() => (broken = true))
    throw error
  } finally {
    client.release(broken)
  }
}
