import pg from 'pg'
import { driverPool, type PostgresPool } from './postgres-pool.js'

export type PostgresConnectionOptions =
  | { /** The app's own pool; the store borrows clients and never ends it. */ pool: PostgresPool; connectionString?: undefined }
  | {
      /** e.g. postgres://user:password@host:5432/db; the store creates a pool and ends it on close(). */
      connectionString: string
      pool?: undefined
      /** Size of the created pool. Default 10. */
      max?: number | undefined
    }

/**
 * The pool the store uses, and whether it is the store's to end. A created pool gives up on an
 * unreachable server after 10 s (pg's default waits forever, and the provider's request with it).
 */
export function poolFor(options: PostgresConnectionOptions): { pool: pg.Pool; owned: boolean } {
  if (options.pool !== undefined) return { pool: driverPool(options.pool), owned: false }
  const pool = new pg.Pool({ connectionString: options.connectionString, max: options.max ?? 10, connectionTimeoutMillis: 10_000 })
  // An idle client whose connection drops (a server restart) is reported here; without a listener
  // Node would crash the host app. The pool has already discarded that client, and the next query
  // reports the outage as STORE_UNAVAILABLE.
  pool.on('error', () => {})
  return { pool, owned: true }
}

/** host:port/database, for messages: never the user's password. */
export function describeServer(pool: pg.Pool): string {
  const config = pool.options
  let host = config.host
  let port = config.port === undefined ? undefined : String(config.port)
  let database = config.database
  if (config.connectionString !== undefined) {
    try {
      const url = new URL(config.connectionString)
      host = decodeURIComponent(url.hostname) || url.searchParams.get('host') || undefined
      port = url.port || undefined
      database = decodeURIComponent(url.pathname.slice(1)) || undefined
    } catch {
      return 'the server in connectionString'
    }
  }
  return `${host ?? 'localhost'}:${port ?? 5432}/${database ?? ''}`
}
