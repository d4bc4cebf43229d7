export { sqliteStore, type SqliteStore, type SqliteStoreOptions } from './sqlite-store.js'
export { migrateSqlite, SQLITE_MIGRATIONS, SQLITE_SCHEMA_VERSION } from './schema.js'
export type { SqliteDatabase } from './sqlite-database.js'
