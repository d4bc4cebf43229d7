import type pg from 'pg'

/**
 * A pg `Pool` as payhooks' public types describe it: only what the store and migratePostgres use, so
 * that `payhooks/stores/postgres` type-checks without @types/pg. Any pg Pool is one; `store.pool` is
 * pg's own pool, typed as this (cast it to `pg.Pool` when you have the driver's types).
 */
export interface PostgresPool {
  connect(): Promise<unknown>
  query(text: string, values?: unknown[]): Promise<unknown>
  end(): Promise<void>
  on(event: 'error', listener: (error: Error) => void): unknown
}

/** The driver's pool behind the structural type: every PostgresPool payhooks gets is one. */
export function driverPool(pool: PostgresPool): pg.Pool {
  return pool as pg.Pool
}
