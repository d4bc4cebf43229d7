import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { memoryStore, type Store } from 'payhooks'
import { postgresStore } from 'payhooks/stores/postgres'
import { sqliteStore } from 'payhooks/stores/sqlite'
import { samples } from 'payhooks/testing'
import { readSse } from '../notifiers/sse-reader.js'
import { waitFor } from '../notifiers/wait-for.js'
import { PG_URL, connectAdmin } from '../stores/fixtures/postgres-server.js'
import { ACTIONS, HOSTILE_PRODUCT, NEVER_SHOWN, READS, SECRETS, consoleClient, createHarness, hostileRefract, type Harness } from './fixtures/console-harness.js'

// Every endpoint against a real engine on each store: the lists come from the store, the actions go
// through the operator API, and no response carries a secret.

const dir = mkdtempSync(join(tmpdir(), 'payhooks-console-'))
let admin: pg.Pool
const schema = `payhooks_console_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`
const pools: pg.Pool[] = []

beforeAll(async () => {
  admin = await connectAdmin()
  await admin.query(`CREATE SCHEMA ${schema}`)
})
afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.end()))
  await admin.query(`DROP SCHEMA ${schema} CASCADE`)
  await admin.end()
  rmSync(dir, { recursive: true, force: true })
})

const stores: Record<string, () => Store> = {
  memory: () => memoryStore(),
  'SQLite file': () => sqliteStore({ filename: join(dir, 'console.sqlite') }),
  PostgreSQL: () => {
    const pool = new pg.Pool({ connectionString: PG_URL, options: `-c search_path=${schema}`, max: 4 })
    pools.push(pool)
    return postgresStore({ pool })
  },
}

const datamartOrder = (orderReference: string) => samples.datamart.completed({ data: { ...(samples.datamart.completed().data as object), orderReference } })

describe.each(Object.keys(stores))('the console on the %s store', (kind) => {
  let harness: Harness
  let client: ReturnType<typeof consoleClient>
  const tag = `${kind.slice(0, 2).toUpperCase()}${Date.now().toString(36).toUpperCase()}`
  const json = async (path: string) => {
    const response = await client.get(path)
    expect(response.status, path).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8')
    return JSON.parse(response.text)
  }
  const act = async (path: string, body: unknown, status = 200) => {
    const response = await client.post(path, body)
    expect(response.status, `${path} ${JSON.stringify(body)}: ${response.text}`).toBe(status)
    return JSON.parse(response.text)
  }

  beforeAll(async () => {
    harness = await createHarness((stores[kind] as () => Store)())
    client = consoleClient(harness.console)
    expect((await client.signIn()).status).toBe(303)
  })
  afterAll(async () => {
    // Not one response of this store's run showed a secret, in its body or its headers.
    const everything = client.seen.map((seen) => `${seen.text}\n${JSON.stringify([...seen.headers])}`).join('\n')
    for (const secret of NEVER_SHOWN) expect(everything).not.toContain(secret)
    await harness.close()
  })

  it('answers 401 to every endpoint without a session or with a wrong token, 403 to every action without CSRF', async () => {
    const stranger = consoleClient(harness.console)
    expect((await stranger.signIn('wrong-token-of-the-right-length-000000')).status).toBe(401)
    for (const path of READS) expect((await stranger.get(path)).status, path).toBe(401)
    for (const [path, body] of ACTIONS) {
      expect((await stranger.post(path, body)).status, path).toBe(401)
      expect((await client.post(path, body, { withCsrf: false })).status, path).toBe(403)
    }
  })

  it('lists deliveries from the log and shows one, redacted; a forged one is rejected with its code and a hint', async () => {
    const paid = `GN-${tag}`
    await harness.send('datamart', datamartOrder(paid))
    await harness.send('midtrans', samples.midtrans.completed({ order_id: `FORGED-${tag}` }), 'SB-Mid-server-guessed')
    const { deliveries } = await json(`/api/deliveries?reference=${paid}`)
    expect(deliveries).toHaveLength(1)
    expect(deliveries[0]).toMatchObject({ provider: 'datamart', outcome: 'applied', verified: true, reference: paid, replayable: false })
    const { delivery } = await json(`/api/deliveries/${deliveries[0].id}`)
    expect(delivery.headers['x-datamart-signature']).toBe('[redacted]')
    expect(delivery.body).toContain(paid)
    const forged = (await json('/api/deliveries?provider=midtrans')).deliveries.find((d: { reference: string }) => d.reference === `FORGED-${tag}`)
    expect(forged).toMatchObject({ outcome: 'rejected', errorCode: 'SIGNATURE_MISMATCH', verified: false })
    expect(forged.hint).toContain('forgery')
    expect((await client.get('/api/deliveries/no-such-id')).status).toBe(404)
    expect((await client.get('/api/deliveries?provider=paypal')).status).toBe(400)
  })

  it('keeps a hostile provider value as data: JSON only, never in the HTML', async () => {
    const order = `BBY01-${tag}`
    await harness.send('refract', hostileRefract(order))
    const { deliveries } = await json(`/api/deliveries?reference=${order}`)
    const { delivery } = await json(`/api/deliveries/${deliveries[0].id}`)
    expect(delivery.body).toContain(HOSTILE_PRODUCT)
    const page = await client.get('')
    expect(page.text).not.toContain(HOSTILE_PRODUCT)
    expect(page.text).not.toContain(order)
  })

  it('finds records by reference', async () => {
    const { records } = await json(`/api/records?reference=GN-${tag}`)
    expect(records).toEqual([expect.objectContaining({ provider: 'datamart', reference: `GN-${tag}`, status: 'completed', open: false })])
    expect((await client.get('/api/records')).status).toBe(400)
  })

  it('lists stuck records per provider and reconciles one, or all of a provider, against the status API', async () => {
    const [one, two] = [`STUCK-${tag}-1`, `STUCK-${tag}-2`]
    for (const reference of [one, two]) {
      const settled = samples.midtrans.completed({ order_id: reference }) as Record<string, unknown> & { order_id: string; status_code: string; gross_amount: string; transaction_status: string }
      await harness.hooks.expect({ provider: 'midtrans', reference, amount: { value: settled.gross_amount, currency: 'IDR' } })
      harness.midtransFake.setTransaction(settled)
    }
    // hooks.records({ stuckFor }) compares strictly (updatedAt < now - stuckFor): a record changed in
    // this very millisecond is not "unchanged for 0 ms" yet (reconcile() adds 1 ms for that; records() does not).
    await new Promise((resolve) => setTimeout(resolve, 3))
    const stuck = await json('/api/stuck?minutes=0')
    const byProvider = Object.fromEntries(stuck.providers.map((p: { provider: string }) => [p.provider, p]))
    expect(byProvider.midtrans.statusApi).toEqual({ supported: true })
    expect(byProvider.midtrans.records.map((r: { reference: string }) => r.reference)).toEqual(expect.arrayContaining([one, two]))
    expect(byProvider.refract.statusApi).toEqual({ supported: false, reason: expect.stringContaining('no status API') })
    expect((await json('/api/stuck')).providers.find((p: { provider: string }) => p.provider === 'midtrans').records).toEqual([])

    const single = await act('/api/reconcile', { provider: 'midtrans', reference: one })
    expect(single.results).toEqual([expect.objectContaining({ reference: one, outcome: 'applied', record: expect.objectContaining({ status: 'completed' }) })])
    const all = await act('/api/reconcile', { provider: 'midtrans', all: true, minutes: 0 })
    expect(all.results).toEqual([expect.objectContaining({ reference: two, outcome: 'applied' })])
    expect((await harness.hooks.record('midtrans', two))?.status).toBe('completed')

    await act('/api/reconcile', { provider: 'refract', reference: `BBY01-${tag}` }, 409)
    await act('/api/reconcile', { provider: 'midtrans', reference: `NOPE-${tag}` }, 404)
    await act('/api/reconcile', { provider: 'paypal', reference: one }, 400)
    await act('/api/reconcile', { provider: 'midtrans' }, 400)
  })

  it('lists dead letters with their last error and retries one, then all', async () => {
    const [first, second] = [`GN-DEAD-${tag}-1`, `GN-DEAD-${tag}-2`]
    for (const reference of [first, second]) {
      harness.failing.add(reference)
      await harness.send('datamart', datamartOrder(reference))
    }
    await waitFor(async () => (await json('/api/outbox')).dead.length >= 2, 'two dead letters')
    const { dead } = await json('/api/outbox')
    const row = dead.find((r: { reference: string }) => r.reference === first)
    expect(row).toMatchObject({ notifier: 'crm', state: 'dead', attempts: 1, lastError: expect.stringContaining('crm answered 502'), from: null, to: 'completed' })
    harness.failing.clear()
    expect(await act('/api/retry', { id: row.id })).toEqual({ requeued: 1 })
    await waitFor(() => harness.sent.some((t) => t.record.reference === first), 'the retried notification')
    expect(await act('/api/retry', { all: true })).toEqual({ requeued: 1 })
    await waitFor(() => harness.sent.some((t) => t.record.reference === second), 'the second retried notification')
    await waitFor(async () => (await json('/api/outbox')).dead.length === 0, 'an empty dead-letter list')
    await act('/api/retry', {}, 400)
  })

  it('replays a verified delivery answered 503 while the store was down, and refuses anything else', async () => {
    const reference = `REPLAY-${tag}`
    harness.down.value = true
    expect((await harness.send('midtrans', samples.midtrans.completed({ order_id: reference }))).status).toBe(503)
    harness.down.value = false
    const [failed] = (await json(`/api/deliveries?reference=${reference}`)).deliveries
    expect(failed).toMatchObject({ errorCode: 'STORE_UNAVAILABLE', verified: true, replayable: true })
    const replayed = await act('/api/replay', { id: failed.id })
    expect(replayed).toMatchObject({ outcome: 'applied', delivery: expect.objectContaining({ source: 'replay', reference }) })
    expect((await harness.hooks.record('midtrans', reference))?.status).toBe('completed')
    const forged = (await json('/api/deliveries?provider=midtrans')).deliveries.find((d: { errorCode: string }) => d.errorCode === 'SIGNATURE_MISMATCH')
    expect((await act('/api/replay', { id: forged.id }, 409)).error.code).toBe('NOT_VERIFIED')
    expect((await act('/api/replay', { id: 'no-such-delivery' }, 404)).error.code).toBe('NOT_FOUND')
  })

  it('reports health per provider: last delivery, rejection rate, deliveries per minute by outcome', async () => {
    const { providers } = await json('/api/health')
    const midtrans = providers.find((p: { provider: string }) => p.provider === 'midtrans')
    const datamart = providers.find((p: { provider: string }) => p.provider === 'datamart')
    const clickpesa = providers.find((p: { provider: string }) => p.provider === 'clickpesa')
    const sum = (series: number[]) => series.reduce((a, b) => a + b, 0)
    expect(datamart.lastDeliveryAt).not.toBeNull()
    expect(datamart.lastDay.rejected).toBe(0)
    expect(sum(datamart.hour.series.applied)).toBe(datamart.lastDay.total)
    expect(datamart.hour.series.applied).toHaveLength(60)
    expect(datamart.day.series.applied).toHaveLength(96)
    expect(midtrans.lastDay.rejected).toBeGreaterThanOrEqual(2) // the forgery and the 503
    expect(midtrans.lastDay.rejectionRate).toBeGreaterThan(0)
    expect(sum(midtrans.hour.series.rejected)).toBe(midtrans.lastDay.rejected)
    expect(clickpesa).toMatchObject({ lastDeliveryAt: null, lastDay: { total: 0, rejectionRate: null } })
  })

  it('streams this instance deliveries over SSE as they are logged', async () => {
    const abort = new AbortController()
    const cookie = [...client.cookies].map(([n, v]) => `${n}=${v}`).join('; ')
    const response = await harness.console.fetch(new Request('http://127.0.0.1/payhooks/api/feed', { headers: { cookie }, signal: abort.signal }))
    expect(response.headers.get('content-type')).toBe('text/event-stream')
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'")
    const feed = readSse(response.body as ReadableStream<Uint8Array>)
    const live = `GN-LIVE-${tag}`
    await harness.send('datamart', datamartOrder(live))
    await feed.untilFrame((frame) => frame.data?.includes(live) === true, 'the live delivery')
    const frame = feed.events().find((f) => f.data?.includes(live) === true)
    expect(frame).toMatchObject({ event: 'delivery', id: expect.any(String) })
    expect(JSON.parse(frame?.data as string)).toMatchObject({ provider: 'datamart', outcome: 'applied', reference: live, from: null, to: 'completed', amount: '23.50 GHS' })
    for (const secret of Object.values(SECRETS)) expect(JSON.stringify(feed.frames)).not.toContain(secret)
    abort.abort()
    await feed.cancel().catch(() => {})
  })
})
