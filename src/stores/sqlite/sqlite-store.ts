import Database from 'better-sqlite3'
import type { ApplyResult, Decision, RecordState, StaleQuery, Store } from '../../engine/types.js'
import { expectedRecord, NON_FINAL_SQL, outboxRowsFor, runDecide, storeFailure } from '../store-helpers.js'
import { migrateSqlite } from './schema.js'
import { sqliteRows, type DeliveryRow, type OutboxTableRow, type RecordRow } from './sqlite-rows.js'
import { leaseStaleSql, SQL } from './sqlite-sql.js'

const { recordFromRow, staleFromRow, recordValues, outboxRowFromRow, deliveryFromRow, deliveryValues } = sqliteRows

interface SqliteFileOptions {
  /** Path of the database file; created, with its tables, on first use. */
  filename: string
  database?: undefined
}

interface SqliteHandleOptions {
  /** An open better-sqlite3 handle, e.g. the app's own: the store adds its `payhooks_` tables and never closes it. */
  database: Database.Database
  filename?: undefined
}

export type SqliteStoreOptions = (SqliteFileOptions | SqliteHandleOptions) & {
  /** How long a write waits for another process's write to finish before failing. Default 5000. */
  busyTimeoutMs?: number
}

export interface SqliteStore extends Store {
  /** The open handle, opening the file and creating its tables if this is the first use. */
  database(): Database.Database
  close(): Promise<void>
}

function prepareStatements(db: Database.Database) {
  return {
    claim: db.prepare<[string, number]>(SQL.claim),
    releaseClaim: db.prepare<[string]>(SQL.releaseClaim),
    getRecord: db.prepare<[string, string], RecordRow>(SQL.getRecord),
    upsertRecord: db.prepare<unknown[]>(SQL.upsertRecord),
    applyRecord: db.prepare<unknown[]>(SQL.applyRecord),
    scheduleCheck: db.prepare<[number, number, string, string]>(SQL.scheduleCheck),
    insertOutbox: db.prepare<[string, string, string, number, number]>(SQL.insertOutbox),
    takeDue: db.prepare<[{ now: number; leasedUntil: number; limit: number }], OutboxTableRow>(SQL.takeDue),
    markSent: db.prepare<[string]>(SQL.markSent),
    markFailed: db.prepare<[{ id: string; error: string; nextAttemptAt: number | null }]>(SQL.markFailed),
    requeueOne: db.prepare<[number, string]>(SQL.requeueOne),
    requeueDead: db.prepare<[number]>(SQL.requeueDead),
    insertDelivery: db.prepare<unknown[]>(SQL.insertDelivery),
  }
}

type Statements = ReturnType<typeof prepareStatements>

/**
 * Filters keyed by their condition with one `?` (`'provider = ?'`); those with a value are ANDed. The
 * statement for each combination is prepared once.
 */
function whereClause(filters: Record<string, string | number | undefined>): { sql: string; values: (string | number)[] } {
  const set = Object.entries(filters).filter((entry): entry is [string, string | number] => entry[1] !== undefined)
  return {
    sql: set.length === 0 ? '' : `WHERE ${set.map(([condition]) => condition).join(' AND ')}`,
    values: set.map(([, value]) => value),
  }
}

type ApplyInTransaction = (
  event: { id: string; provider: string; reference: string },
  notifiers: readonly string[],
  decide: (current: RecordState | null) => Decision
) => ApplyResult

/** An open file: its prepared statements and the two transactions, built once. */
interface Connection {
  db: Database.Database
  statements: Statements
  apply: Database.Transaction<ApplyInTransaction>
  expect: Database.Transaction<(input: Parameters<Store['expect']>[0]) => RecordState>
  lease: Database.Transaction<(query: StaleQuery) => RecordRow[]>
  /** Runs a query whose text depends on which filters are set, preparing each text once. */
  all<Row>(sql: string, values: unknown[]): Row[]
}

function connectionOver(db: Database.Database): Connection {
  const statements = prepareStatements(db)
  const prepared = new Map<string, Database.Statement>()

  const apply = db.transaction<ApplyInTransaction>((event, notifiers, decide) => {
    const now = Date.now()
    if (statements.claim.run(event.id, now).changes === 0) return { outcome: 'duplicate' }
    const row = statements.getRecord.get(event.provider, event.reference)
    const decision = runDecide(decide, row === undefined ? null : recordFromRow(row))
    switch (decision.action) {
      case 'ignore':
        // Releases the claim so a redelivery after expect() can still apply; nothing else was written.
        statements.releaseClaim.run(event.id)
        return { outcome: 'ignored' }
      case 'stale':
        return { outcome: 'stale' }
      case 'apply':
      case 'suspicious': {
        if (decision.action === 'apply') statements.applyRecord.run(recordValues(decision.record))
        const transition = JSON.stringify(decision.transition)
        for (const outbox of outboxRowsFor(decision.transition, notifiers, new Date(now))) {
          statements.insertOutbox.run(outbox.id, outbox.notifier, transition, now, now)
        }
        return { outcome: decision.action === 'apply' ? 'applied' : 'suspicious', transition: decision.transition }
      }
    }
  })

  const expect = db.transaction((input: Parameters<Store['expect']>[0]): RecordState => {
    const row = statements.getRecord.get(input.provider, input.reference)
    const record = expectedRecord(row === undefined ? null : recordFromRow(row), input, new Date())
    statements.upsertRecord.run(recordValues(record))
    return record
  })

  const lease = db.transaction((query: StaleQuery): RecordRow[] => {
    const now = query.now.getTime()
    const providers = query.providers ?? []
    const sql = leaseStaleSql(query.providers?.length)
    return all<RecordRow>(sql, [now + query.leaseMs, query.updatedBefore.getTime(), now, ...providers, query.limit])
  })

  function all<Row>(sql: string, values: unknown[]): Row[] {
    let statement = prepared.get(sql)
    if (statement === undefined) {
      statement = db.prepare(sql)
      prepared.set(sql, statement)
    }
    return statement.all(...values) as Row[]
  }

  return { db, statements, apply, expect, lease, all }
}

/**
 * The embedded default store: one SQLite file, safe for several processes on one machine. Every write
 * runs in a BEGIN IMMEDIATE transaction, which takes the file's write lock before reading, so a claim
 * and the record it reads cannot change underneath another process's transaction.
 */
export function sqliteStore(options: SqliteStoreOptions): SqliteStore {
  const filename = options.database?.name ?? options.filename
  const where = `the SQLite database ${filename}`
  const hint = `Check that the directory of ${filename} exists and this process can write there, and that no other program holds the file's write lock for longer than busyTimeoutMs.`
  let connection: Connection | undefined
  let closed = false

  function connect() {
    if (closed) throw new Error('this store was closed; create a new one with sqliteStore()')
    if (connection !== undefined) return connection
    const db = options.database ?? new Database(options.filename)
    try {
      // busy_timeout first: switching to WAL and migrating both wait for another process's lock.
      db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`)
      // WAL lets readers run alongside the one writer. synchronous stays FULL (the default): an
      // acknowledged webhook is never redelivered, so a commit must survive a power cut.
      db.pragma('journal_mode = WAL')
      migrateSqlite(db)
      connection = connectionOver(db)
      return connection
    } catch (error) {
      if (options.database === undefined) db.close()
      throw error
    }
  }

  /** Every method runs through here: a database failure becomes STORE_UNAVAILABLE. */
  function use<T>(fn: (c: Connection) => T): Promise<T> {
    try {
      return Promise.resolve(fn(connect()))
    } catch (error) {
      return Promise.reject(storeFailure(error, where, hint))
    }
  }

  return {
    database: () => connect().db,

    apply: (event, notifiers, decide) =>
      use((c) => c.apply.immediate({ id: event.id, provider: event.provider, reference: event.reference as string }, notifiers, decide)),

    expect: (input) => use((c) => c.expect.immediate(input)),

    getRecord: (provider, reference) =>
      use((c) => {
        const row = c.statements.getRecord.get(provider, reference)
        return row === undefined ? null : recordFromRow(row)
      }),

    listRecords: (query = {}) =>
      use((c) => {
        const filter = whereClause({
          'provider = ?': query.provider,
          'reference = ?': query.reference,
          [`status IN ${NON_FINAL_SQL} AND updated_at < ?`]: query.unresolvedBefore?.getTime(),
        })
        const sql = `SELECT * FROM payhooks_records ${filter.sql} ORDER BY updated_at DESC LIMIT ?`
        return c.all<RecordRow>(sql, [...filter.values, query.limit ?? 100]).map(recordFromRow)
      }),

    recordDelivery: (delivery) =>
      use((c) => {
        c.statements.insertDelivery.run(deliveryValues(delivery))
      }),

    deliveries: (query = {}) =>
      use((c) => {
        const filter = whereClause({
          'provider = ?': query.provider,
          'reference = ?': query.reference,
          'id = ?': query.id,
          'received_at >= ?': query.since?.getTime(),
        })
        const sql = `SELECT * FROM payhooks_deliveries ${filter.sql} ORDER BY received_at DESC, seq DESC LIMIT ?`
        return c.all<DeliveryRow>(sql, [...filter.values, query.limit ?? 100]).map(deliveryFromRow)
      }),

    takeDueNotifications: (now, limit, leaseMs) =>
      use((c) =>
        c.statements.takeDue
          .all({ now: now.getTime(), leasedUntil: now.getTime() + leaseMs, limit })
          // RETURNING gives no order guarantee; hand rows out oldest due first.
          .sort((a, b) => a.next_attempt_at - b.next_attempt_at || a.seq - b.seq)
          .map(outboxRowFromRow)
      ),

    markSent: (id) =>
      use((c) => {
        c.statements.markSent.run(id)
      }),

    markFailed: (id, failure) =>
      use((c) => {
        c.statements.markFailed.run({ id, error: failure.error, nextAttemptAt: failure.nextAttemptAt?.getTime() ?? null })
      }),

    notifications: (query = {}) =>
      use((c) => {
        const filter = whereClause({ 'state = ?': query.state, "json_extract(transition, '$.record.reference') = ?": query.reference })
        const sql = `SELECT * FROM payhooks_outbox ${filter.sql} ORDER BY seq LIMIT ?`
        return c.all<OutboxTableRow>(sql, [...filter.values, query.limit ?? 100]).map(outboxRowFromRow)
      }),

    requeueNotifications: (target, now) =>
      use((c) =>
        'id' in target ? c.statements.requeueOne.run(now.getTime(), target.id).changes : c.statements.requeueDead.run(now.getTime()).changes
      ),

    leaseStaleRecords: (query) =>
      use((c) =>
        c.lease
          .immediate(query)
          // RETURNING gives no order guarantee; hand records out oldest first.
          .sort((a, b) => a.updated_at - b.updated_at)
          .map(staleFromRow)
      ),

    scheduleCheck: (provider, reference, next) =>
      use((c) => {
        c.statements.scheduleCheck.run(next.at.getTime(), next.checks, provider, reference)
      }),

    async close() {
      closed = true
      // A handle the host passed in stays open: it is the host's to close.
      if (connection !== undefined && options.database === undefined) connection.db.close()
      connection = undefined
    },
  }
}
