// Applied transitions per second: SQLite in one process, PostgreSQL from two processes at once.
import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { sqliteStore } from '../dist/node/stores/sqlite.js'
import { applyEvents } from './apply-events.mjs'
import { orderEvents } from './events.mjs'

export const PG_URL = process.env.PAYHOOKS_TEST_PG_URL ?? 'postgres://payhooks:payhooks@127.0.0.1:54329/payhooks'

export async function benchSqlite(orders = 10_000) {
  const store = sqliteStore({ filename: join(mkdtempSync(join(tmpdir(), 'payhooks-bench-')), 'bench.db') })
  const events = await orderEvents(orders, `sqlite-${Date.now()}`)
  const { applied, seconds } = await applyEvents(store, events, 16)
  await store.close()
  return { applied, seconds, perSecond: applied / seconds }
}

function runWorker(orders, prefix) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [new URL('./postgres-worker.mjs', import.meta.url).pathname, String(orders), prefix, PG_URL], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let out = ''
    child.stdout.on('data', (chunk) => (out += chunk))
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`postgres worker exited ${code}`))))
  })
}

export async function benchPostgres(ordersPerProcess = 3_000) {
  const prefix = `pg-${Date.now()}`
  const results = await Promise.all([runWorker(ordersPerProcess, `${prefix}-a`), runWorker(ordersPerProcess, `${prefix}-b`)])
  await removeBenchRows(prefix)
  const applied = results.reduce((sum, r) => sum + r.applied, 0)
  // Wall time of the pair: both started together, the later finisher ends the run.
  const seconds = Math.max(...results.map((r) => r.seconds))
  return { applied, seconds, perSecond: applied / seconds }
}

/** The benchmark shares the test database: it leaves none of its rows behind for the tests to trip on. */
async function removeBenchRows(prefix) {
  const client = new pg.Client({ connectionString: PG_URL })
  await client.connect()
  try {
    const pattern = `datamart|order|${prefix}-%`
    await client.query('DELETE FROM payhooks_outbox WHERE id LIKE $1', [pattern])
    await client.query('DELETE FROM payhooks_claims WHERE event_id LIKE $1', [pattern])
    await client.query("DELETE FROM payhooks_records WHERE provider = 'datamart' AND reference LIKE $1", [`${prefix}-%`])
  } finally {
    await client.end()
  }
}
