// The hand-written floors of the HTTP benchmarks: what a careful team writes without payhooks, and
// nothing more. Shared by the in-process engine benchmark and the benchmark servers.
import { createHmac, timingSafeEqual } from 'node:crypto'
import { z } from 'zod'
import { BENCH_SECRET } from './http-secret.mjs'

const orderSchema = z.looseObject({
  event: z.string(),
  timestamp: z.string().optional(),
  data: z.looseObject({ orderReference: z.string(), transactionId: z.string().optional(), price: z.number().optional(), status: z.string().optional() }),
})

const invalidSignature = { status: 401, body: '{"error":"invalid signature"}' }

function verified(raw, signature) {
  const expected = createHmac('sha256', BENCH_SECRET).update(raw).digest('hex')
  return typeof signature === 'string' && signature.length === expected.length && timingSafeEqual(Buffer.from(signature), Buffer.from(expected))
}

/** HMAC + timingSafeEqual + JSON.parse + zod + normalize: the floor of the memory-store comparisons. */
export function floorHandle(raw, signature) {
  if (!verified(raw, signature)) return invalidSignature
  const payload = orderSchema.parse(JSON.parse(raw.toString('utf8')))
  const normalized = { reference: payload.data.orderReference, status: payload.event.slice('order.'.length), amount: Math.round((payload.data.price ?? 0) * 100) }
  if (normalized.reference === '') return { status: 400, body: '{}' }
  return { status: 200, body: '{"received":true}' }
}

/**
 * The SQLite floor: the same checks, then one transaction that inserts the event id (dedupe), upserts
 * the order's status and inserts a log row. `db` is a better-sqlite3 database.
 */
export function sqliteFloor(db) {
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.exec(`
    CREATE TABLE IF NOT EXISTS seen (event_id TEXT PRIMARY KEY);
    CREATE TABLE IF NOT EXISTS orders (reference TEXT PRIMARY KEY, status TEXT NOT NULL, amount INTEGER, updated_at INTEGER NOT NULL);
    CREATE TABLE IF NOT EXISTS webhook_log (id INTEGER PRIMARY KEY, reference TEXT, status TEXT, body TEXT NOT NULL, received_at INTEGER NOT NULL);`)
  const seen = db.prepare('INSERT OR IGNORE INTO seen (event_id) VALUES (?)')
  const order = db.prepare(`INSERT INTO orders (reference, status, amount, updated_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (reference) DO UPDATE SET status = excluded.status, amount = excluded.amount, updated_at = excluded.updated_at`)
  const log = db.prepare('INSERT INTO webhook_log (reference, status, body, received_at) VALUES (?, ?, ?, ?)')
  const store = db.transaction((eventId, normalized, text) => {
    const now = Date.now()
    if (seen.run(eventId).changes === 1) order.run(normalized.reference, normalized.status, normalized.amount, now)
    log.run(normalized.reference, normalized.status, text, now)
  })
  return (raw, signature) => {
    if (!verified(raw, signature)) return invalidSignature
    const text = raw.toString('utf8')
    const payload = orderSchema.parse(JSON.parse(text))
    const normalized = { reference: payload.data.orderReference, status: payload.event.slice('order.'.length), amount: Math.round((payload.data.price ?? 0) * 100) }
    if (normalized.reference === '') return { status: 400, body: '{}' }
    store(`${normalized.reference}|${payload.data.transactionId ?? ''}|${normalized.status}`, normalized, text)
    return { status: 200, body: '{"received":true}' }
  }
}
