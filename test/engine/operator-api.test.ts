import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createPayhooks } from '../../src/create-payhooks.js'
import type { DeliveryFeedEntry } from '../../src/engine/delivery-feed.js'
import type { Store, Transition } from '../../src/engine/types.js'
import { callbackNotifier } from '../../src/notifiers/callback-notifier.js'
import { azampay } from '../../src/providers/azampay/index.js'
import { datamart } from '../../src/providers/datamart/index.js'
import { midtrans } from '../../src/providers/midtrans/index.js'
import { createMidtransFakeStatusApi, type MidtransFakeTransaction } from '../../src/providers/midtrans/fake-status-api.js'
import { midtransSamples } from '../../src/providers/midtrans/samples.js'
import { midtransTestKit } from '../../src/providers/midtrans/test-kit.js'
import { memoryStore } from '../../src/stores/memory-store.js'
import { sqliteStore } from '../../src/stores/sqlite/index.js'
import { samples } from '../../src/testing/samples.js'
import { serveFetchHandler, type ServedHandler } from '../../src/testing/serve-fetch-handler.js'
import { signWebhook } from '../../src/testing/sign-webhook.js'
import { toRequest } from '../../src/testing/types.js'

const serverKey = 'SB-Mid-server-0perat0rApiK3y77'
const datamartSecret = 'dm-operator-secret-5521'
const midtransFake = createMidtransFakeStatusApi({ serverKey })
let served: ServedHandler
const directory = mkdtempSync(join(tmpdir(), 'payhooks-operator-'))
let toClose: { close(): Promise<void> }[] = []

beforeAll(async () => {
  served = await serveFetchHandler((request) => midtransFake.fetch(request))
})
afterEach(async () => {
  await Promise.all(toClose.map((hooks) => hooks.close()))
  toClose = []
})
afterAll(async () => {
  await served.close()
  rmSync(directory, { recursive: true, force: true })
})

let sequence = 0
const uniqueOrder = (label: string) => `OPS-${label}-${Date.now().toString(36)}-${++sequence}`

/** A store whose next `failures` applies fail the way a database that went away does. */
function failingApplies(store: Store, failures: { count: number }): Store {
  return {
    ...store,
    apply: (...args) => (failures.count-- > 0 ? Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432')) : store.apply(...args)),
  }
}

function engine(store: Store, options: { failNotifier?: { count: number } } = {}) {
  const notified: Transition[] = []
  const hooks = createPayhooks({
    store,
    providers: [
      midtrans({ serverKey, statusApi: { baseUrl: served.url, timeoutMs: 2_000 } }),
      datamart({ webhookSecret: datamartSecret }),
      azampay({ callbackToken: 'azampay-operator-token' }),
    ],
    notifiers: [
      callbackNotifier((transition) => {
        if (options.failNotifier !== undefined && options.failNotifier.count-- > 0) throw new Error('sms gateway 502')
        notified.push(transition)
      }),
    ],
    retry: { maxAttempts: 1 },
  })
  toClose.push(hooks)
  return { hooks, notified }
}

async function datamartDelivery(reference: string) {
  const sample = samples.datamart.completed()
  const data = { ...(sample.data as Record<string, unknown>), orderReference: reference, orderId: `oid-${reference}` }
  return toRequest(await signWebhook('datamart', { ...sample, data }, { secret: datamartSecret }))
}

const stores: [string, () => Store][] = [
  ['memory', () => memoryStore()],
  ['sqlite', () => sqliteStore({ filename: join(directory, `operator-${++sequence}.db`) })],
]

describe.each(stores)('the operator API on the %s store', (_name, makeStore) => {
  it('replays a verified delivery the store failed: applied once, logged as a replay; a second replay is a duplicate', async () => {
    const failures = { count: 1 }
    const { hooks, notified } = engine(failingApplies(makeStore(), failures))
    const reference = uniqueOrder('replay')
    const first = await hooks.handle('datamart', await datamartDelivery(reference))
    expect(first.status).toBe(503)
    const [failed] = await hooks.deliveries({ reference })
    expect(failed).toMatchObject({ source: 'webhook', verified: true, outcome: 'rejected', errorCode: 'STORE_UNAVAILABLE' })

    const replayed = await hooks.replay(failed!.id)
    expect(replayed).toMatchObject({ replayed: true, outcome: 'applied', delivery: { source: 'replay', outcome: 'applied', reference } })
    expect((await hooks.record('datamart', reference))?.status).toBe('completed')
    await hooks.idle()
    expect(notified.map((t) => [t.record.reference, t.to])).toEqual([[reference, 'completed']])
    // The replayed entry is redacted like the original: the signature stays hidden.
    const log = await hooks.deliveries({ reference })
    expect(log.map((d) => [d.source, d.outcome])).toEqual([['replay', 'applied'], ['webhook', 'rejected']])
    expect(JSON.stringify(log)).not.toContain(datamartSecret)

    expect(await hooks.replay(failed!.id)).toMatchObject({ replayed: true, outcome: 'duplicate' })
    await hooks.idle()
    expect(notified).toHaveLength(1)
  })

  it('refuses to replay what was never verified, what already applied, and what is not in the log', async () => {
    const { hooks } = engine(makeStore())
    const reference = uniqueOrder('refuse')
    const forged = await datamartDelivery(reference)
    forged.body = (forged.body as string).replace('"completed"', '"failed"')
    expect((await hooks.handle('datamart', forged)).status).toBe(401)
    expect((await hooks.handle('datamart', await datamartDelivery(reference))).status).toBe(200)
    const [applied, rejected] = await hooks.deliveries({ reference })
    expect(await hooks.replay(rejected!.id)).toMatchObject({ replayed: false, reason: 'not_verified' })
    expect(await hooks.replay(applied!.id)).toMatchObject({ replayed: false, reason: 'not_replayable' })
    expect(await hooks.replay('no-such-delivery')).toMatchObject({ replayed: false, reason: 'not_found' })
    expect((await hooks.deliveries({ reference })).length, 'a refused replay logs nothing').toBe(2)
  })

  it('retries a dead-lettered notification on request and it is sent', async () => {
    const { hooks, notified } = engine(makeStore(), { failNotifier: { count: 1 } })
    const reference = uniqueOrder('retry')
    expect((await hooks.handle('datamart', await datamartDelivery(reference))).status).toBe(200)
    await hooks.idle()
    const [dead] = await hooks.notifications({ reference, state: 'dead' })
    expect(dead?.lastError).toContain('sms gateway 502')
    expect(notified).toHaveLength(0)

    expect(await hooks.retryNotifications({ id: dead!.id })).toBe(1)
    await hooks.idle()
    expect(notified.map((t) => t.record.reference)).toEqual([reference])
    expect((await hooks.notifications({ reference })).map((row) => row.state)).toEqual(['sent'])
    expect(await hooks.retryNotifications({ id: dead!.id }), 'a sent row is never sent again').toBe(0)
  })

  it('reconciles one record now, whatever its age, and says so for a provider without a status API or an unknown record', async () => {
    const { hooks } = engine(makeStore())
    const order = uniqueOrder('now')
    const pending = await midtransTestKit.sign(midtransSamples.pending({ order_id: order }), { secret: serverKey })
    expect((await hooks.handle('midtrans', toRequest(pending))).status).toBe(200)
    midtransFake.setTransaction(midtransSamples.completed({ order_id: order }) as MidtransFakeTransaction)
    expect(await hooks.records({ stuckFor: 60_000, provider: 'midtrans' }), 'just changed: not stuck yet').toEqual([])

    const result = await hooks.reconcileRecord('midtrans', order)
    expect(result).toMatchObject({ outcome: 'applied', record: { status: 'completed' } })
    expect((await hooks.deliveries({ reference: order })).map((d) => d.source)).toEqual(['poll', 'webhook'])

    const azamRef = uniqueOrder('azam')
    await hooks.expect({ provider: 'azampay', reference: azamRef })
    expect(await hooks.reconcileRecord('azampay', azamRef)).toMatchObject({ outcome: 'unsupported' })
    expect(await hooks.reconcileRecord('midtrans', uniqueOrder('missing'))).toEqual({ outcome: 'not_found', record: null })
    await expect(hooks.reconcileRecord('clickpesa', order)).rejects.toThrow(/not registered/)
  })

  it('tells live listeners of every logged delivery with its transition, and survives a listener that throws', async () => {
    const { hooks } = engine(makeStore())
    const seen: DeliveryFeedEntry[] = []
    const unsubscribeBroken = hooks.onDelivery(() => {
      throw new Error('listener bug')
    })
    const unsubscribe = hooks.onDelivery((entry) => seen.push(entry))
    const reference = uniqueOrder('feed')
    expect((await hooks.handle('datamart', await datamartDelivery(reference))).status).toBe(200)
    expect((await hooks.handle('datamart', await datamartDelivery(reference))).status).toBe(200)
    const forged = await datamartDelivery(reference)
    forged.headers = { ...forged.headers, 'x-datamart-signature': 'f'.repeat(64) }
    expect((await hooks.handle('datamart', forged)).status).toBe(401)
    expect(seen.map((e) => [e.delivery.outcome, e.transition?.to ?? null])).toEqual([
      ['applied', 'completed'],
      ['duplicate', null],
      ['rejected', null],
    ])
    expect(seen[2]?.delivery).toMatchObject({ errorCode: 'SIGNATURE_MISMATCH', verified: false, reference })
    expect(JSON.stringify(seen)).not.toContain(datamartSecret)
    unsubscribe()
    unsubscribeBroken()
    await hooks.handle('datamart', await datamartDelivery(uniqueOrder('after')))
    expect(seen).toHaveLength(3)
  })
})
