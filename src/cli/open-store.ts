import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Store } from '../engine/types.js'
import { UsageError } from './command.js'

export const STORE_USAGE = '--store sqlite:<file> | postgres://…   read the store directly (no engine, no config)'

const POSTGRES = /^postgres(?:ql)?:\/\//

/**
 * The store named by `--store`, through the package's own stores; each is loaded only when asked for,
 * so its driver (better-sqlite3, pg: optional peers) is needed only then. Never creates anything: a
 * missing SQLite file is an error (not a new, empty database), and PostgreSQL is not migrated.
 */
export async function openStore(spec: string, cwd: string): Promise<Store> {
  if (spec.startsWith('sqlite:')) {
    const filename = resolve(cwd, spec.slice('sqlite:'.length))
    if (!existsSync(filename)) throw new UsageError(`No SQLite database at ${filename} (from --store).`)
    const { sqliteStore } = await import('../stores/sqlite/index.js')
    return sqliteStore({ filename })
  }
  if (POSTGRES.test(spec)) {
    const { postgresStore } = await import('../stores/postgres/index.js')
    return postgresStore({ connectionString: spec, migrate: false, max: 2 })
  }
  throw new UsageError('--store takes sqlite:<file> or a postgres:// connection string.')
}
