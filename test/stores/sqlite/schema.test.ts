import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { migrateSqlite, SQLITE_SCHEMA_VERSION, sqliteStore } from '../../../src/stores/sqlite/index.js'
import { leaseStaleSql } from '../../../src/stores/sqlite/sqlite-sql.js'
import { expectRelease1RowsUpgraded, sqliteFileAtRelease1 } from '../fixtures/release-1.js'

const dir = mkdtempSync(join(tmpdir(), 'payhooks-sqlite-schema-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const schemaVersion = (filename: string) => {
  const db = new Database(filename, { readonly: true })
  try {
    return db.prepare(`SELECT value FROM payhooks_meta WHERE key = 'schema_version'`).pluck().get()
  } finally {
    db.close()
  }
}

describe('sqlite store: schema', () => {
  it('upgrades a file the last release created in place when the store opens it', async () => {
    const filename = join(dir, 'release-1.db')
    const db = new Database(filename)
    sqliteFileAtRelease1(db, 'release-1-order')
    db.close()
    expect(schemaVersion(filename)).toBe('1')

    const store = sqliteStore({ filename })
    await expectRelease1RowsUpgraded(store, 'release-1-order')
    await store.close()
    expect(schemaVersion(filename)).toBe(String(SQLITE_SCHEMA_VERSION))
    expect(SQLITE_SCHEMA_VERSION).toBe(3)
  })

  it('serves the stale-record lease from the partial index', () => {
    const db = new Database(join(dir, 'plan.db'))
    migrateSqlite(db)
    for (const providers of [undefined, 2]) {
      const values = [0, 0, 0, ...Array.from({ length: providers ?? 0 }, () => 'datamart'), 10]
      const plan = db.prepare(`EXPLAIN QUERY PLAN ${leaseStaleSql(providers)}`).all(...values) as { detail: string }[]
      expect(plan.map((step) => step.detail).join('\n')).toMatch(/USING (COVERING )?INDEX payhooks_records_stale/)
    }
    db.close()
  })
})
