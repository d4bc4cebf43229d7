import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createPayhooks } from '../../src/create-payhooks.js'
import type { Store, Transition } from '../../src/engine/types.js'
import { callbackNotifier } from '../../src/notifiers/callback-notifier.js'
import { azampay } from '../../src/providers/azampay/index.js'
import { clickpesa } from '../../src/providers/clickpesa/index.js'
import { createClickpesaFakeStatusApi } from '../../src/providers/clickpesa/fake-status-api.js'
import { datamart } from '../../src/providers/datamart/index.js'
import { createDatamartFakeStatusApi, DATAMART_FAKE_BASE_PATH } from '../../src/providers/datamart/fake-status-api.js'
import { midtrans } from '../../src/providers/midtrans/index.js'
import { createMidtransFakeStatusApi, type MidtransFakeTransaction } from '../../src/providers/midtrans/fake-status-api.js'
import { midtransSamples } from '../../src/providers/midtrans/samples.js'
import { midtransTestKit } from '../../src/providers/midtrans/test-kit.js'
import { memoryStore } from '../../src/stores/memory-store.js'
import { sqliteStore } from '../../src/stores/sqlite/index.js'
import { serveFetchHandler, type ServedHandler } from '../../src/testing/serve-fetch-handler.js'
import { toRequest } from '../../src/testing/types.js'
import { paymentSuccess } from '../providers/clickpesa/status-fixtures.js'
import { orderAnswer } from '../providers/datamart/status-fixtures.js'

const serverKey = 'SB-Mid-server-Rec0nc1leK3y42'
const checksumKey = 'clickpesa-checksum-reconcile'
const clickpesaCredentials = { clientId: 'ID-reconcile-7731', apiKey: 'SK-reconcile-key-99' }
const datamartKey = 'dm-api-key-reconcile-0042'

const midtransFake = createMidtransFakeStatusApi({ serverKey })
const clickpesaFake = createClickpesaFakeStatusApi(clickpesaCredentials)
const datamartFake = createDatamartFakeStatusApi({ apiKey: datamartKey })
const served: Record<'midtrans' | 'clickpesa' | 'datamart', ServedHandler> = {} as never
const directory = mkdtempSync(join(tmpdir(), 'payhooks-reconcile-'))
let hooksToClose: { close(): Promise<void> }[] = []

beforeAll(async () => {
  served.midtrans = await serveFetchHandler((request) => midtransFake.fetch(request))
  served.clickpesa = await serveFetchHandler((request) => clickpesaFake.fetch(request))
  served.datamart = await serveFetchHandler((request) => datamartFake.fetch(request))
})
afterEach(async () => {
  await Promise.all(hooksToClose.map((hooks) => hooks.close()))
  hooksToClose = []
})
afterAll(async () => {
  await Promise.all(Object.values(served).map((s) => s.close()))
  rmSync(directory, { recursive: true, force: true })
})

let sequence = 0
const uniqueOrder = (label: string) => `RECON-${label}-${Date.now().toString(36)}-${++sequence}`

function engine(store: Store, options: { midtransKey?: string } = {}) {
  const notified: Transition[] = []
  const hooks = createPayhooks({
    store,
    providers: [
      midtrans({ serverKey: options.midtransKey ?? serverKey, statusApi: { baseUrl: served.midtrans.url, timeoutMs: 2_000 } }),
      clickpesa({ checksumKey, statusApi: { ...clickpesaCredentials, baseUrl: served.clickpesa.url } }),
      datamart({ webhookSecret: 'dm-webhook-secret', statusApi: { apiKey: datamartKey, baseUrl: `${served.datamart.url}${DATAMART_FAKE_BASE_PATH}` } }),
      azampay({ callbackToken: 'azampay-callback-token' }),
    ],
    notifiers: [callbackNotifier((transition) => void notified.push(transition))],
    reconcileBackoff: { baseDelayMs: 60_000, maxDelayMs: 60_000 },
  })
  hooksToClose.push(hooks)
  return { hooks, notified }
}

async function deliverMidtrans(hooks: ReturnType<typeof engine>['hooks'], payload: Record<string, unknown>) {
  const response = await hooks.handle('midtrans', toRequest(await midtransTestKit.sign(payload, { secret: serverKey })))
  expect(response.status).toBe(200)
}

const stores: [string, () => Store][] = [
  ['memory', () => memoryStore()],
  ['sqlite', () => sqliteStore({ filename: join(directory, `reconcile-${++sequence}.db`) })],
]

describe.each(stores)('hooks.reconcile on the %s store', (_name, makeStore) => {
  it('recovers a lost Midtrans settlement once; the late webhook is a duplicate, never a second notification', async () => {
    const { hooks, notified } = engine(makeStore())
    const order = uniqueOrder('mt')
    await deliverMidtrans(hooks, midtransSamples.pending({ order_id: order }))
    // The settlement webhook is lost; Midtrans' API knows the truth.
    midtransFake.setTransaction(midtransSamples.completed({ order_id: order }) as MidtransFakeTransaction)
    const before = midtransFake.requests.length

    const report = await hooks.reconcile({ olderThan: 0, providers: ['midtrans'] })
    await hooks.idle()
    expect(report).toMatchObject({ applied: 1, failed: 0, errors: [] })
    expect(midtransFake.requests.length - before).toBe(1)
    expect((await hooks.record('midtrans', order))?.status).toBe('completed')
    expect(notified.filter((t) => t.record.reference === order).map((t) => [t.from, t.to])).toEqual([[null, 'pending'], ['pending', 'completed']])

    await deliverMidtrans(hooks, midtransSamples.completed({ order_id: order }))
    await hooks.idle()
    expect(notified.filter((t) => t.record.reference === order)).toHaveLength(2)
    const log = await hooks.deliveries({ reference: order })
    expect(log.map((d) => [d.source, d.outcome])).toEqual([['webhook', 'duplicate'], ['poll', 'applied'], ['webhook', 'applied']])
    // The poll's log entry is redacted like a webhook's: the answer's signature_key is hidden.
    expect(log[1]?.body).toContain('[redacted]')
  })

  it('polls a record the provider keeps reporting pending once, then backs it off', async () => {
    const { hooks, notified } = engine(makeStore())
    const order = uniqueOrder('pending')
    await deliverMidtrans(hooks, midtransSamples.pending({ order_id: order }))
    midtransFake.setTransaction(midtransSamples.pending({ order_id: order }) as MidtransFakeTransaction)
    const before = midtransFake.requests.length
    const first = await hooks.reconcile({ olderThan: 0, providers: ['midtrans'] })
    const second = await hooks.reconcile({ olderThan: 0, providers: ['midtrans'] })
    expect(first).toMatchObject({ checked: 1, unchanged: 1, applied: 0 })
    expect(second.checked).toBe(0)
    expect(midtransFake.requests.length - before).toBe(1)
    await hooks.idle()
    expect(notified).toHaveLength(1)
  })

  it('completes a ClickPesa order from the one successful attempt among failed ones', async () => {
    const { hooks, notified } = engine(makeStore())
    const order = uniqueOrder('cp')
    await hooks.expect({ provider: 'clickpesa', reference: order, amount: { value: '1000', currency: 'TZS' } })
    const attempt = (id: string, status: string, updatedAt: string) =>
      paymentSuccess({ id, status, orderReference: order, collectedAmount: 1000, message: status === 'SUCCESS' ? 'success' : 'Insufficient balance', updatedAt })
    clickpesaFake.setPayments(order, [attempt('a1', 'FAILED', '2026-03-01T08:01:00.000Z'), attempt('a2', 'SUCCESS', '2026-03-01T08:05:00.000Z'), attempt('a3', 'FAILED', '2026-03-01T08:09:00.000Z')])
    const report = await hooks.reconcile({ olderThan: 0, providers: ['clickpesa'] })
    await hooks.idle()
    expect(report).toMatchObject({ applied: 1, failed: 0 })
    expect((await hooks.record('clickpesa', order))?.status).toBe('completed')
    // expect() is not notified; the one transition is the payment.
    expect(notified.map((t) => [t.from, t.to])).toEqual([['pending', 'completed']])
  })

  it('flags an underpaid answer as suspicious instead of applying it, exactly like a webhook', async () => {
    const { hooks, notified } = engine(makeStore())
    const order = uniqueOrder('under')
    await hooks.expect({ provider: 'midtrans', reference: order, amount: { value: '50000.00', currency: 'IDR' } })
    midtransFake.setTransaction(midtransSamples.completed({ order_id: order }) as MidtransFakeTransaction)
    const report = await hooks.reconcile({ olderThan: 0, providers: ['midtrans'] })
    await hooks.idle()
    expect(report).toMatchObject({ applied: 0, unchanged: 1 })
    expect((await hooks.record('midtrans', order))?.status).toBe('pending')
    expect(notified).toHaveLength(0)
    expect((await hooks.store.notifications({ reference: order })).map((row) => row.transition.type)).toEqual(['suspicious'])
  })

  it('reports AzamPay records as unsupported, with the reason, never silently skipped', async () => {
    const { hooks } = engine(makeStore())
    const order = uniqueOrder('az')
    await hooks.expect({ provider: 'azampay', reference: order })
    const report = await hooks.reconcile({ olderThan: 0, providers: ['azampay'] })
    expect(report).toMatchObject({ checked: 1, unsupported: 1, applied: 0 })
    expect(report.unsupportedProviders).toEqual([{ provider: 'azampay', reason: expect.stringMatching(/no status API for checkouts/) }])
  })

  it('leaves the record untouched on a provider error, counts it failed with a code, and never shows the key', async () => {
    const wrongKey = 'SB-Mid-server-Wr0ngK3yF0rT3st'
    const { hooks } = engine(makeStore(), { midtransKey: wrongKey })
    const order = uniqueOrder('401')
    await hooks.expect({ provider: 'midtrans', reference: order })
    const report = await hooks.reconcile({ olderThan: 0, providers: ['midtrans'] })
    expect(report).toMatchObject({ failed: 1, applied: 0 })
    expect(report.errors).toEqual([expect.objectContaining({ provider: 'midtrans', reference: order, code: 'STATUS_API_UNAUTHORIZED' })])
    expect(report.errors[0]?.hint).toMatch(/sandbox/i)
    expect((await hooks.record('midtrans', order))?.status).toBe('pending')
    const everything = JSON.stringify([report, await hooks.deliveries({ reference: order })])
    expect(everything).not.toContain(wrongKey)
    expect(everything).not.toContain(btoa(`${wrongKey}:`))
    expect((await hooks.deliveries({ reference: order }))[0]).toMatchObject({ source: 'poll', outcome: 'rejected', errorCode: 'STATUS_API_UNAUTHORIZED' })
  })

  it('waits out a Datamart 429 as told and then applies the answer', async () => {
    const { hooks } = engine(makeStore())
    const order = uniqueOrder('dm')
    await hooks.expect({ provider: 'datamart', reference: order })
    datamartFake.setOrder(order, orderAnswer('completed'))
    datamartFake.failNext('rate-limited')
    const before = datamartFake.requests.length
    const report = await hooks.reconcile({ olderThan: 0, providers: ['datamart'] })
    expect(report).toMatchObject({ applied: 1, failed: 0 })
    expect(datamartFake.requests.length - before).toBe(2)
    expect((await hooks.record('datamart', order))?.status).toBe('completed')
  })

  it('stops at the limit and reports progress per record', async () => {
    const { hooks } = engine(makeStore())
    const orders = [uniqueOrder('l1'), uniqueOrder('l2'), uniqueOrder('l3')]
    for (const order of orders) {
      await hooks.expect({ provider: 'midtrans', reference: order })
      midtransFake.setTransaction(midtransSamples.completed({ order_id: order }) as MidtransFakeTransaction)
    }
    const progress: string[] = []
    const report = await hooks.reconcile({ olderThan: 0, providers: ['midtrans'], limit: 2, onProgress: (p) => progress.push(`${p.done}/${p.total} ${p.outcome}`) })
    expect(report.checked).toBe(2)
    expect(progress).toEqual(['1/2 applied', '2/2 applied'])
    expect((await hooks.reconcile({ olderThan: 0, providers: ['midtrans'] })).applied).toBe(1)
  })

  it('refuses options that cannot be right', async () => {
    const { hooks } = engine(makeStore())
    await expect(hooks.reconcile({} as never)).rejects.toThrow(/olderThan/)
    await expect(hooks.reconcile({ olderThan: 0, concurrency: 0 })).rejects.toThrow(/concurrency/)
    await expect(hooks.reconcile({ olderThan: 0, providers: ['refract'] })).rejects.toThrow(/not registered/)
  })
})

describe('hooks.startReconciler', () => {
  it('recovers a lost webhook with no call from the host, and stops', async () => {
    const { hooks, notified } = engine(memoryStore())
    const order = uniqueOrder('timer')
    await deliverMidtrans(hooks, midtransSamples.pending({ order_id: order }))
    midtransFake.setTransaction(midtransSamples.completed({ order_id: order }) as MidtransFakeTransaction)
    const reports: number[] = []
    const stop = hooks.startReconciler({ every: 50, olderThan: 0, providers: ['midtrans'], onReport: (r) => reports.push(r.applied) })
    for (let i = 0; i < 100 && (await hooks.record('midtrans', order))?.status !== 'completed'; i++) await new Promise((r) => setTimeout(r, 20))
    await stop()
    await hooks.idle()
    expect((await hooks.record('midtrans', order))?.status).toBe('completed')
    expect(notified.filter((t) => t.to === 'completed')).toHaveLength(1)
    const runs = reports.length
    await new Promise((r) => setTimeout(r, 150))
    expect(reports.length).toBe(runs)
  })
})
