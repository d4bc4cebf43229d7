import type Database from 'better-sqlite3'

/**
 * A better-sqlite3 `Database` as payhooks' public types describe it: only what the store and
 * migrateSqlite use, so that `payhooks/stores/sqlite` type-checks without @types/better-sqlite3. Any
 * better-sqlite3 handle is one; `store.database()` returns better-sqlite3's own handle, typed as this
 * (cast it to `Database.Database` when you have the driver's types).
 */
export interface SqliteDatabase {
  readonly name: string
  readonly open: boolean
  prepare(source: string): unknown
  exec(source: string): unknown
  pragma(source: string, options?: { simple?: boolean | undefined }): unknown
  transaction(fn: (...args: never[]) => unknown): unknown
  close(): unknown
}

/** The driver's handle behind the structural type: every SqliteDatabase payhooks gets is one. */
export function driverHandle(database: SqliteDatabase): Database.Database {
  return database as Database.Database
}
