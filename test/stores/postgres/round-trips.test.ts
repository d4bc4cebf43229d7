import pg from 'pg'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { statusEvent } from '../../../src/core/build-event.js'
import type { Decision, RecordState } from '../../../src/engine/types.js'
import { postgresStore } from '../../../src/stores/postgres/index.js'
import { connectAdmin, PG_URL } from '../fixtures/postgres-server.js'
import { completedOrder, decideFor } from '../fixtures/store-events.js'

const admin = await connectAdmin()
const pool = new pg.Pool({ connectionString: PG_URL, max: 1 })
const storeClients = new Set<pg.PoolClient>()
pool.on('connect', (client) => storeClients.add(client))
const store = postgresStore({ pool })
// Migrations and the pool's connection are made before any counting starts.
await store.getRecord('datamart', 'warm-up')
afterAll(async () => {
  await pool.end()
  await admin.end()
})

const unique = (label: string) => `pg-rt-${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`

/**
 * The first word of each query the store's client sends during `fn`, one per round trip: node-postgres
 * sends a query only after the previous one's answer. The test's own admin queries are not counted.
 */
async function queriesOf(fn: () => Promise<unknown>, texts: string[] = []): Promise<string[]> {
  const spy = vi.spyOn(pg.Client.prototype, 'query')
  try {
    await fn()
    const sent = spy.mock.calls
      .filter((_, i) => storeClients.has(spy.mock.contexts[i] as pg.PoolClient))
      .map(([config]) => (typeof config === 'string' ? config : (config as { text: string }).text).trim())
    texts.push(...sent)
    return sent.map((text) => text.split(/\s+/)[0]!)
  } finally {
    spy.mockRestore()
  }
}

describe('postgres store: round trips per apply', () => {
  it('applies an event in 2 round trips on a new record and on an existing one, the second one committing', async () => {
    const reference = unique('applied')
    const processing = statusEvent('order', 'processing', { provider: 'datamart', reference, providerStatus: 'processing', raw: {} })
    const sent: string[] = []
    expect(await queriesOf(() => store.apply(processing, ['audit', 'sms'], decideFor(processing)), sent)).toEqual(['BEGIN', 'SELECT'])
    const completed = completedOrder(reference)
    expect(await queriesOf(() => store.apply(completed, ['audit', 'sms'], decideFor(completed)), sent)).toEqual(['BEGIN', 'SELECT'])
    for (const [i, text] of sent.entries()) expect(text.endsWith('; COMMIT'), `round trip ${i} commits`).toBe(i % 2 === 1)
    expect((await store.getRecord('datamart', reference))?.status).toBe('completed')
    expect(await store.notifications({ reference, limit: 10 })).toHaveLength(4)
  })

  it('answers a duplicate in 2 and a stale event on an existing record in 2', async () => {
    const reference = unique('duplicate')
    const event = completedOrder(reference)
    await store.apply(event, ['audit'], decideFor(event))
    expect(await queriesOf(() => store.apply(event, ['audit'], decideFor(event)))).toEqual(['BEGIN', 'ROLLBACK'])
    const late = statusEvent('order', 'processing', { provider: 'datamart', reference, providerStatus: 'processing', raw: {} })
    let outcome = ''
    expect(await queriesOf(async () => (outcome = (await store.apply(late, ['audit'], decideFor(late))).outcome))).toEqual(['BEGIN', 'COMMIT'])
    expect(outcome).toBe('stale')
  })

  it('drops the placeholder and writes a suspicious transition in 3, committing neither placeholder nor stray rows', async () => {
    const applied = completedOrder(unique('template'))
    const { transition } = (await store.apply(applied, ['audit'], decideFor(applied))) as { transition: NonNullable<unknown> }
    for (const decision of [{ action: 'stale' }, { action: 'suspicious', transition }] as Decision[]) {
      const reference = unique(decision.action)
      let seen: RecordState | null | undefined
      const queries = await queriesOf(() =>
        store.apply(completedOrder(reference), ['audit'], (current) => {
          seen = current
          return decision
        }),
      )
      expect(queries, decision.action).toEqual(['BEGIN', 'WITH', 'COMMIT'])
      expect(seen, 'decide sees no record for the placeholder').toBeNull()
      const rows = await admin.query('SELECT 1 FROM payhooks_records WHERE reference = $1', [reference])
      expect(rows.rowCount, decision.action).toBe(0)
    }
  })

  it('carries quotes, backslashes and non-ASCII in ids and references through the literal-escaped round trips', async () => {
    for (const tricky of [`o'r"der\\x`, `E'\\\\'; DROP TABLE payhooks_claims; --`, 'ñ-✓-\u{1F600}']) {
      const reference = `${unique('escape')}-${tricky}`
      const event = completedOrder(reference)
      expect((await store.apply(event, ['audit'], decideFor(event))).outcome).toBe('applied')
      expect((await store.getRecord('datamart', reference))?.reference).toBe(reference)
      const claim = await admin.query('SELECT event_id FROM payhooks_claims WHERE event_id = $1', [event.id])
      expect(claim.rows[0]?.event_id).toBe(event.id)
      expect((await store.apply(event, ['audit'], decideFor(event))).outcome).toBe('duplicate')
    }
  })
})
