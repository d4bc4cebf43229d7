import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { isWebhookError } from '../../src/core/webhook-error.js'
import { SQLITE_SCHEMA_VERSION, sqliteStore } from '../../src/stores/sqlite/index.js'
import { runStoreContract } from '../../src/testing/run-store-contract.js'
import { expectKeepsSchedule } from './fixtures/expect-keeps-schedule.js'
import { completedOrder, decideFor } from './fixtures/store-events.js'
import { deliverFromTwoProcesses, expectExactlyOnce, expectTwoProcessesLeaseEachOnce, registerPlannedRecords } from './fixtures/two-processes.js'

const dir = mkdtempSync(join(tmpdir(), 'payhooks-sqlite-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
let files = 0
const freshFile = () => join(dir, `store-${++files}.db`)

runStoreContract('sqlite', () => sqliteStore({ filename: freshFile() }), { describe, it })

describe('sqlite store: the file', () => {
  it('creates its tables on first use and records the schema version', async () => {
    const filename = freshFile()
    const store = sqliteStore({ filename })
    await store.getRecord('datamart', 'nothing')
    await store.close()
    const db = new Database(filename, { readonly: true })
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'payhooks_%' ORDER BY name`).pluck().all()
    expect(tables).toEqual(['payhooks_claims', 'payhooks_deliveries', 'payhooks_meta', 'payhooks_outbox', 'payhooks_records'])
    expect(db.prepare(`SELECT value FROM payhooks_meta WHERE key = 'schema_version'`).pluck().get()).toBe(String(SQLITE_SCHEMA_VERSION))
    expect(SQLITE_SCHEMA_VERSION).toBeGreaterThanOrEqual(1)
    db.close()
  })

  it('runs in WAL mode with a busy timeout', async () => {
    const store = sqliteStore({ filename: freshFile(), busyTimeoutMs: 1234 })
    expect(store.database().pragma('journal_mode', { simple: true })).toBe('wal')
    expect(store.database().pragma('busy_timeout', { simple: true })).toBe(1234)
    await store.close()
  })

  it('keeps its data when the file is opened again', async () => {
    const filename = freshFile()
    const first = sqliteStore({ filename })
    const event = completedOrder('kept-1')
    expect((await first.apply(event, ['audit'], decideFor(event))).outcome).toBe('applied')
    await first.close()

    const second = sqliteStore({ filename })
    expect((await second.getRecord('datamart', 'kept-1'))?.status).toBe('completed')
    expect((await second.apply(event, ['audit'], decideFor(event))).outcome).toBe('duplicate')
    expect((await second.notifications()).map((row) => row.id)).toEqual([`${event.id}#audit`])
    await second.close()
  })

  it('adds its tables to a database handle the host passes in, and leaves it open', async () => {
    const db = new Database(freshFile())
    db.exec('CREATE TABLE orders (id TEXT PRIMARY KEY)')
    const store = sqliteStore({ database: db })
    await store.expect({ provider: 'datamart', reference: 'host-1', amount: { minor: 100, currency: 'GHS' } })
    await store.close()
    expect(db.open).toBe(true)
    expect(db.prepare(`SELECT count(*) FROM payhooks_records`).pluck().get()).toBe(1)
    db.close()
  })

  it('rejects with STORE_UNAVAILABLE when the file cannot be opened, and passes decide errors through', async () => {
    const store = sqliteStore({ filename: join(dir, 'missing-dir', 'store.db') })
    const event = completedOrder('unreachable-1')
    const error: unknown = await store.apply(event, ['audit'], decideFor(event)).catch((e: unknown) => e)
    expect(isWebhookError(error) && error.code).toBe('STORE_UNAVAILABLE')
    expect(isWebhookError(error) && error.hint).toContain('missing-dir')
    expect((error as Error).cause).toBeInstanceOf(Error)

    const working = sqliteStore({ filename: freshFile() })
    const thrown = new RangeError('decide broke')
    await expect(
      working.apply(event, ['audit'], () => {
        throw thrown
      })
    ).rejects.toBe(thrown)
    await working.close()
  })
})

describe('sqlite store: two processes on one file', () => {
  it('acts on each event once across 200 concurrent deliveries from 2 processes', async () => {
    const filename = freshFile()
    const runId = `sqlite-${Date.now().toString(36)}`
    const store = sqliteStore({ filename })
    await registerPlannedRecords(store, runId)
    const outcomes = await deliverFromTwoProcesses('sqlite', filename, runId)
    await expectExactlyOnce(store, runId, outcomes)
    await store.close()
  })

  it('hands each of 200 stale records to exactly one of 2 processes leasing at once', async () => {
    const filename = freshFile()
    const store = sqliteStore({ filename })
    await expectTwoProcessesLeaseEachOnce('sqlite', filename, store, `sqlite-lease-${Date.now().toString(36)}`)
    await store.close()
  })
})

describe('sqlite store: reconciliation', () => {
  it('keeps a record\'s schedule through expect()', async () => {
    const store = sqliteStore({ filename: freshFile() })
    await expectKeepsSchedule(store)
    await store.close()
  })
})
