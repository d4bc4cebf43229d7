import { afterEach, describe, expect, it } from 'vitest'
import { createPayhooks, type PayhooksOptions } from '../../src/create-payhooks.js'
import type { Transition } from '../../src/engine/types.js'
import { httpNotifier, type HttpNotifierBody } from '../../src/notifiers/index.js'
import { datamart } from '../../src/providers/datamart/index.js'
import { datamartSamples } from '../../src/providers/datamart/samples.js'
import { datamartTestKit } from '../../src/providers/datamart/test-kit.js'
import { toRequest } from '../../src/testing/types.js'
import { verifyStandardWebhook } from './verify-standard-webhook.js'
import { waitFor } from './wait-for.js'
import { startReceiver, type Answer } from './webhook-receiver.js'

const webhookSecret = 'dm_whsec_notifier_4c1e'
const signingSecret = `whsec_${Buffer.from('payhooks-to-erp-signing-key').toString('base64')}`
const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** A real receiver and an engine that forwards every Datamart transition to it. */
async function setup(answer: Answer, retry: PayhooksOptions['retry'] = { baseDelayMs: 10 }) {
  const receiver = await startReceiver(answer)
  cleanups.push(receiver.close)
  const hooks = createPayhooks({
    providers: [datamart({ webhookSecret })],
    notifiers: [httpNotifier({ url: receiver.url, secret: signingSecret, name: 'erp', timeoutMs: 2_000 })],
    retry,
  })
  cleanups.push(() => hooks.close())
  const signed = await datamartTestKit.sign(datamartSamples.completed(), { secret: webhookSecret })
  const response = await hooks.handle('datamart', toRequest(signed))
  expect(response.status).toBe(200)
  return { hooks, receiver }
}

function bodyOf(request: { body: string }): HttpNotifierBody {
  return JSON.parse(request.body) as HttpNotifierBody
}

describe('httpNotifier behind the engine', () => {
  it('forwards one verified request for one Datamart webhook', async () => {
    const { hooks, receiver } = await setup(() => 204)
    await hooks.idle()
    await hooks.drainOutbox()

    expect(receiver.received).toHaveLength(1)
    const [request] = receiver.received
    if (request === undefined) throw new Error('no request')
    expect(verifyStandardWebhook(request, signingSecret)).toBe(true)
    const body = bodyOf(request)
    expect(body.type).toBe('transition.applied')
    const data: Transition = body.data
    expect(request.headers['webhook-id']).toBe(data.id)
    expect(data).toMatchObject({ type: 'transition', from: null, to: 'completed', record: { provider: 'datamart', reference: 'GN-AB12CD34' } })
    expect(await hooks.store.notifications({ state: 'sent' })).toHaveLength(1)
  })

  it('delivers once after the receiver failed twice, with the same webhook-id each time', async () => {
    const { hooks, receiver } = await setup((index) => (index < 2 ? 503 : 200))
    await waitFor(async () => (await hooks.store.notifications({ state: 'sent' })).length === 1, 'the notification to be sent')
    await hooks.idle()

    expect(receiver.received).toHaveLength(3)
    expect(receiver.received.every((request) => verifyStandardWebhook(request, signingSecret))).toBe(true)
    expect(new Set(receiver.received.map((request) => request.headers['webhook-id'])).size).toBe(1)
    expect(await hooks.store.notifications({ state: 'pending' })).toEqual([])
  })

  it('dead-letters the notification after maxAttempts when the receiver always fails', async () => {
    const { hooks, receiver } = await setup(() => 500, { baseDelayMs: 10, maxAttempts: 3 })
    await waitFor(async () => (await hooks.store.notifications({ state: 'dead' })).length === 1, 'the notification to be dead-lettered')
    await hooks.idle()

    const [dead] = await hooks.store.notifications({ state: 'dead' })
    expect(dead).toMatchObject({ notifier: 'erp', attempts: 3 })
    expect(dead?.lastError).toContain('answered 500')
    expect(receiver.received).toHaveLength(3)
    expect(await hooks.store.notifications({ state: 'sent' })).toEqual([])
  })
})
