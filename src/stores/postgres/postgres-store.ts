import type pg from 'pg'
import type { StatusEvent } from '../../core/event.js'
import type { ApplyResult, RecordState, Store } from '../../engine/types.js'
import { expectedRecord, outboxRowsFor, runDecide, storeFailure } from '../store-helpers.js'
import { describeServer, poolFor, type PostgresConnectionOptions } from './connection.js'
import { migratePostgres } from './migrations.js'
import type { PostgresPool } from './postgres-pool.js'
import { lockedRecord, postgresRows, type DeliveryRow, type LockedRow, type OutboxTableRow, type RecordRow } from './postgres-rows.js'
import { BEGIN, claimAndLockSql, SQL, writeAppliedAndCommitSql } from './postgres-sql.js'

const { recordFromRow, staleFromRow, recordValues, outboxRowFromRow, deliveryFromRow, deliveryValues } = postgresRows

export type PostgresStoreOptions = PostgresConnectionOptions & {
  /** Apply missing migrations on first use. Default true; set false when deploys run `migrate()`. */
  migrate?: boolean | undefined
}

export interface PostgresStore extends Store {
  /** Applies missing migrations; returns the versions applied (empty when up to date). */
  migrate(): Promise<number[]>
  readonly pool: PostgresPool
  /** Ends the pool if the store created it from a connectionString. */
  close(): Promise<void>
}


/**
 * The store for several app instances sharing one PostgreSQL database. `apply` is one transaction on
 * one pooled client: the claim row's primary key makes a second delivery of the event wait for the
 * first and then find it claimed; `SELECT … FOR UPDATE` on the record serializes different events
 * for the same record, so none reads a status another is about to overwrite.
 */
export function postgresStore(options: PostgresStoreOptions): PostgresStore {
  const { pool, owned } = poolFor(options)
  const server = describeServer(pool)
  const where = `PostgreSQL at ${server}`
  const hint = `Is PostgreSQL running at ${server} and accepting this user? Check connectionString (or the pool's settings) and the network.`
  let migrated: Promise<unknown> | undefined

  /** Migrates once per store, lazily; a failure is retried on the next call (the server may come up). */
  function ready(): Promise<unknown> {
    if (options.migrate === false) return Promise.resolve()
    migrated ??= migratePostgres(pool).catch((error: unknown) => {
      migrated = undefined
      throw error
    })
    return migrated
  }

  /** Every method runs through here: a database failure becomes STORE_UNAVAILABLE. */
  async function guarded<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn()
    } catch (error) {
      throw storeFailure(error, where, hint)
    }
  }

  function run<T>(fn: () => Promise<T>): Promise<T> {
    return guarded(async () => {
      await ready()
      return fn()
    })
  }

  async function query<Row extends pg.QueryResultRow>(sql: string, params: unknown[]): Promise<Row[]> {
    return run(async () => (await pool.query<Row>(sql, params)).rows)
  }

  /**
   * Runs `fn` in a transaction on one client; `fn` returns what to finish with. With `begins`, `fn`'s
   * first query starts the transaction itself (apply() sends BEGIN with its claim).
   */
  function transaction<T>(
    fn: (client: pg.PoolClient) => Promise<{ finish: 'COMMIT' | 'ROLLBACK' | 'committed'; value: T }>,
    begins = false,
  ): Promise<T> {
    return run(async () => {
      const client = await pool.connect()
      let broken = false
      try {
        if (!begins) await client.query(BEGIN)
        const { finish, value } = await fn(client)
        // 'committed': fn's last query carried the COMMIT.
        if (finish !== 'committed') await client.query(finish)
        return value
      } catch (error) {
        // A failed ROLLBACK means the connection itself is gone: destroy it rather than pool it.
        await client.query('ROLLBACK').catch(() => (broken = true))
        throw error
      } finally {
        client.release(broken)
      }
    })
  }

  /** Locks the record, inserting a placeholder first so a record that does not exist yet can be locked. */
  async function lockRecord(client: pg.PoolClient, provider: string, reference: string): Promise<RecordState | null> {
    await client.query(SQL.placeholder, [provider, reference])
    const { rows } = await client.query<LockedRow>(SQL.lockRecord, [provider, reference])
    return lockedRecord(rows[0] as LockedRow)
  }

  /**
   * BEGIN + claim + lock in one round trip (claimAndLockSql): whether the event was claimed, and the
   * locked record (a placeholder when new).
   */
  async function claimAndLock(client: pg.PoolClient, event: StatusEvent, reference: string) {
    const sql = claimAndLockSql((value) => client.escapeLiteral(value), event.id, event.provider, reference)
    // Several statements in one simple query: pg resolves with one result per statement.
    const [, lock] = (await client.query(sql)) as unknown as [pg.QueryResult, pg.QueryResult<LockedRow>]
    return { claimed: lock.rows.length === 1, row: lock.rows[0] }
  }

  return {
    pool,
    migrate: () =>
      guarded(async () => {
        const applied = await migratePostgres(pool)
        migrated = Promise.resolve()
        return applied
      }),

    // Two round trips for an applied event: BEGIN + claim + lock; the status and outbox write +
    // COMMIT, both through functions whose plans each connection keeps (migration 4). The decision
    // between the two runs here, in TypeScript.
    apply: (event, notifiers, decide) =>
      transaction<ApplyResult>(async (client) => {
        const reference = event.reference as string
        const { claimed, row } = await claimAndLock(client, event, reference)
        if (!claimed) return { finish: 'ROLLBACK', value: { outcome: 'duplicate' } }
        const current = lockedRecord(row as LockedRow)
        const decision = runDecide(decide, current)
        // Rolling back an ignored event releases its claim, so it can apply once expect() ran.
        if (decision.action === 'ignore') return { finish: 'ROLLBACK', value: { outcome: 'ignored' } }
        if (decision.action === 'stale' && current !== null) return { finish: 'COMMIT', value: { outcome: 'stale' } }
        const now = new Date()
        const transition = decision.action === 'stale' ? null : decision.transition
        const outbox = transition === null ? [] : outboxRowsFor(transition, notifiers, now)
        const rows = [outbox.map((r) => r.id), outbox.map((r) => r.notifier), JSON.stringify(transition), now]
        if (decision.action === 'apply') {
          await client.query(writeAppliedAndCommitSql((value) => client.escapeLiteral(value), [...recordValues(decision.record), ...rows]))
          return { finish: 'committed', value: { outcome: 'applied', transition: decision.transition } }
        }
        // Stale on a new record (its placeholder goes), or suspicious (a placeholder goes; its rows are written).
        await client.query({ name: 'payhooks_apply_drop', text: SQL.dropPlaceholderWithOutbox, values: [event.provider, reference, ...rows] })
        const value: ApplyResult = transition === null ? { outcome: 'stale' } : { outcome: 'suspicious', transition }
        return { finish: 'COMMIT', value }
      }, true),

    expect: (input) =>
      transaction(async (client) => {
        const current = await lockRecord(client, input.provider, input.reference)
        const record = expectedRecord(current, input, new Date())
        await client.query(SQL.updateRecord, recordValues(record))
        return { finish: 'COMMIT', value: record }
      }),

    getRecord: async (provider, reference) => {
      const [row] = await query<RecordRow>(SQL.getRecord, [provider, reference])
      return row === undefined ? null : recordFromRow(row)
    },

    listRecords: async (filter = {}) =>
      (
        await query<RecordRow>(SQL.listRecords, [filter.provider ?? null, filter.limit ?? 100, filter.reference ?? null, filter.unresolvedBefore ?? null])
      ).map(recordFromRow),

    recordDelivery: async (delivery) => {
      await query(SQL.insertDelivery, deliveryValues(delivery))
    },

    deliveries: async (filter = {}) =>
      (
        await query<DeliveryRow>(SQL.deliveries, [filter.provider ?? null, filter.reference ?? null, filter.limit ?? 100, filter.id ?? null, filter.since ?? null])
      ).map(deliveryFromRow),

    takeDueNotifications: async (now, limit, leaseMs) =>
      (await query<OutboxTableRow>(SQL.takeDue, [now, new Date(now.getTime() + leaseMs), limit])).map(outboxRowFromRow),

    markSent: async (id) => {
      await query(SQL.markSent, [id])
    },

    markFailed: async (id, failure) => {
      await query(SQL.markFailed, [id, failure.error, failure.nextAttemptAt])
    },

    notifications: async (filter = {}) =>
      (await query<OutboxTableRow>(SQL.notifications, [filter.state ?? null, filter.limit ?? 100, filter.reference ?? null])).map(outboxRowFromRow),

    requeueNotifications: async (target, now) =>
      ('id' in target ? await query(SQL.requeueOne, [now, target.id]) : await query(SQL.requeueDead, [now])).length,

    leaseStaleRecords: async (stale) =>
      (
        await query<RecordRow>(SQL.leaseStale, [
          stale.updatedBefore,
          stale.now,
          new Date(stale.now.getTime() + stale.leaseMs),
          stale.limit,
          stale.providers ?? null,
        ])
      ).map(staleFromRow),

    scheduleCheck: async (provider, reference, next) => {
      await query(SQL.scheduleCheck, [provider, reference, next.at, next.checks])
    },

    async close() {
      if (owned) await pool.end()
    },
  }
}
