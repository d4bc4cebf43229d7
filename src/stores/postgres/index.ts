export { postgresStore, type PostgresStore, type PostgresStoreOptions } from './postgres-store.js'
export { migratePostgres, POSTGRES_MIGRATIONS } from './migrations.js'
export type { PostgresConnectionOptions } from './connection.js'
export type { PostgresPool } from './postgres-pool.js'
