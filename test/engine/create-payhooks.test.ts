import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createPayhooks } from '../../src/create-payhooks.js'
import type { Store, Transition } from '../../src/engine/types.js'
import { callbackNotifier } from '../../src/notifiers/index.js'
import { datamart } from '../../src/providers/datamart/index.js'
import { datamartSamples } from '../../src/providers/datamart/samples.js'
import { datamartTestKit } from '../../src/providers/datamart/test-kit.js'
import { memoryStore } from '../../src/stores/memory-store.js'
import { toRequest } from '../../src/testing/types.js'

const secret = 'dm_whsec_engine_9b2f'

function setup(options: { store?: Store; notify?: (t: Transition) => Promise<void> | void; maxBodyBytes?: number } = {}) {
  const sent: Transition[] = []
  const notify = options.notify ?? ((t: Transition) => void sent.push(t))
  const hooks = createPayhooks({
    providers: [datamart({ webhookSecret: secret })],
    store: options.store ?? memoryStore(),
    // Suspicious events reach a callbackNotifier only through onSuspicious.
    notifiers: [callbackNotifier(notify, { name: 'sms', onSuspicious: notify })],
    retry: { baseDelayMs: 1, maxAttempts: 3 },
    ...(options.maxBodyBytes === undefined ? {} : { maxBodyBytes: options.maxBodyBytes }),
  })
  return { hooks, sent }
}

async function deliver(hooks: ReturnType<typeof setup>['hooks'], payload: Record<string, unknown>, signingSecret = secret) {
  const signed = await datamartTestKit.sign(payload, { secret: signingSecret })
  const response = await hooks.handle('datamart', toRequest(signed))
  await hooks.idle()
  return response
}

describe('createPayhooks: applied, duplicate, stale', () => {
  it('applies a new event, answers the provider ack and notifies once', async () => {
    const { hooks, sent } = setup()
    const response = await deliver(hooks, datamartSamples.processing())
    expect(response.status).toBe(200)
    expect(JSON.parse(response.body)).toEqual({ received: true })
    expect((await hooks.record('datamart', 'GN-AB12CD34'))?.status).toBe('processing')
    expect(sent).toHaveLength(1)
    expect(sent[0]).toMatchObject({ from: null, to: 'processing', type: 'transition', event: { reference: 'GN-AB12CD34', amount: { minor: 2350, currency: 'GHS' } } })
  })

  it('acknowledges a redelivery without applying or notifying again', async () => {
    const { hooks, sent } = setup()
    await deliver(hooks, datamartSamples.completed())
    const again = await deliver(hooks, datamartSamples.completed())
    expect(again.status).toBe(200)
    expect(sent).toHaveLength(1)
    const [latest] = await hooks.deliveries({ limit: 1 })
    expect(latest?.outcome).toBe('duplicate')
  })

  it('keeps completed when a late processing arrives, and says stale in the log', async () => {
    const { hooks, sent } = setup()
    await deliver(hooks, datamartSamples.completed())
    const late = await deliver(hooks, datamartSamples.processing())
    expect(late.status).toBe(200)
    expect((await hooks.record('datamart', 'GN-AB12CD34'))?.status).toBe('completed')
    expect(sent.map((t) => t.to)).toEqual(['completed'])
    expect((await hooks.deliveries({ limit: 1 }))[0]?.outcome).toBe('stale')
  })

  it('acknowledges an unknown status and changes nothing', async () => {
    const { hooks, sent } = setup()
    const payload = datamartSamples.completed({ event: 'order.teleported' })
    ;(payload.data as Record<string, unknown>).status = 'on'
    const response = await deliver(hooks, payload)
    expect(response.status).toBe(200)
    expect(await hooks.records()).toEqual([])
    expect(sent).toEqual([])
    expect((await hooks.deliveries())[0]).toMatchObject({ outcome: 'unknown', verified: true })
  })

  it("ignores unknown references when onUnknownReference is 'ignore', and applies after expect()", async () => {
    const sent: Transition[] = []
    const hooks = createPayhooks({
      providers: [datamart({ webhookSecret: secret })],
      notifiers: [callbackNotifier((t) => void sent.push(t))],
      onUnknownReference: 'ignore',
    })
    expect((await deliver(hooks, datamartSamples.completed())).status).toBe(200)
    expect(await hooks.records()).toEqual([])
    await hooks.expect({ provider: 'datamart', reference: 'GN-AB12CD34', amount: { value: '23.50', currency: 'GHS' } })
    await deliver(hooks, datamartSamples.completed())
    expect((await hooks.record('datamart', 'GN-AB12CD34'))?.status).toBe('completed')
    expect(sent.map((t) => [t.from, t.to])).toEqual([['pending', 'completed']])
  })
})

describe('createPayhooks: integrity', () => {
  it('does not apply an event whose amount disagrees with expect(), logs it suspicious and notifies', async () => {
    const { hooks, sent } = setup()
    await hooks.expect({ provider: 'datamart', reference: 'GN-AB12CD34', amount: { minor: 9900, currency: 'GHS' } })
    const response = await deliver(hooks, datamartSamples.completed())
    expect(response.status).toBe(200)
    expect((await hooks.record('datamart', 'GN-AB12CD34'))?.status).toBe('pending')
    expect((await hooks.deliveries())[0]?.outcome).toBe('suspicious')
    expect(sent).toHaveLength(1)
    expect(sent[0]).toMatchObject({ type: 'suspicious', reason: expect.stringContaining('differs from the expected 9900') })
  })

  it('refuses an expected amount it cannot represent', async () => {
    const { hooks } = setup()
    await expect(hooks.expect({ provider: 'datamart', reference: 'X', amount: { value: '1.234', currency: 'GHS' } })).rejects.toThrow(/not a valid amount/)
  })
})

describe('createPayhooks: rejections change nothing and are logged', () => {
  it('answers a wrong signature with 401, applies nothing, and logs it without secrets', async () => {
    const { hooks, sent } = setup()
    const signed = await datamartTestKit.sign(datamartSamples.completed(), { secret: 'forged' })
    const response = await hooks.handle('datamart', toRequest(signed))
    expect(response.status).toBe(401)
    expect(JSON.parse(response.body).error.code).toBe('SIGNATURE_MISMATCH')
    expect(await hooks.records()).toEqual([])
    expect(sent).toEqual([])
    const [logged] = await hooks.deliveries()
    expect(logged).toMatchObject({ outcome: 'rejected', errorCode: 'SIGNATURE_MISMATCH', verified: false })
    expect(logged?.headers['x-datamart-signature']).toBe('[redacted]')
    expect(JSON.stringify(logged)).not.toContain(signed.headers['x-datamart-signature'])
  })

  it('never writes the secret or a valid signature to the delivery log', async () => {
    const { hooks } = setup()
    const signed = await datamartTestKit.sign(datamartSamples.completed(), { secret })
    await hooks.handle('datamart', { ...toRequest(signed), headers: { ...signed.headers, authorization: 'Bearer abc' } })
    const log = JSON.stringify(await hooks.deliveries())
    expect(log).not.toContain(secret)
    expect(log).not.toContain(signed.headers['x-datamart-signature'])
    expect(log).not.toContain('Bearer abc')
    expect(log).toContain('GN-AB12CD34')
  })

  it('answers signed invalid JSON with 400 PAYLOAD_INVALID_JSON and logs it', async () => {
    const { hooks } = setup()
    const body = '{"event":'
    const req = { body, headers: { 'x-datamart-signature': createHmac('sha256', secret).update(body).digest('hex') }, method: 'POST' }
    const invalid = await hooks.handle('datamart', req)
    expect(invalid.status).toBe(400)
    expect(JSON.parse(invalid.body).error.code).toBe('PAYLOAD_INVALID_JSON')
    expect((await hooks.deliveries())[0]).toMatchObject({ outcome: 'rejected', errorCode: 'PAYLOAD_INVALID_JSON', verified: true, body })
  })

  it('answers a schema failure with 400 naming the path', async () => {
    const { hooks } = setup()
    const response = await deliver(hooks, { event: 'order.completed', data: {} })
    expect(response.status).toBe(400)
    expect(JSON.parse(response.body).error).toMatchObject({ code: 'PAYLOAD_INVALID', path: 'data.orderReference' })
  })

  it('answers 413 over maxBodyBytes, 405 for GET, 404 for an unknown provider', async () => {
    const { hooks } = setup({ maxBodyBytes: 64 })
    const signed = await datamartTestKit.sign(datamartSamples.completed(), { secret })
    expect((await hooks.handle('datamart', toRequest(signed))).status).toBe(413)
    const get = await hooks.handle('datamart', { ...toRequest(signed), method: 'GET', body: '' })
    expect(get.status).toBe(405)
    expect(get.headers.allow).toBe('POST')
    const unknown = await hooks.handle('stripe', toRequest(signed))
    expect(unknown.status).toBe(404)
    expect(JSON.parse(unknown.body).error.hint).toContain('datamart')
    const log = await hooks.deliveries()
    expect(log.map((d) => d.errorCode)).toEqual(['PROVIDER_UNKNOWN', 'METHOD_NOT_ALLOWED', 'PAYLOAD_TOO_LARGE'])
    expect(await hooks.records()).toEqual([])
  })

  it('answers 503 STORE_UNAVAILABLE when the store fails, so the provider retries', async () => {
    const broken: Store = { ...memoryStore(), apply: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432')) }
    const { hooks, sent } = setup({ store: broken })
    const response = await deliver(hooks, datamartSamples.completed())
    expect(response.status).toBe(503)
    expect(JSON.parse(response.body).error.code).toBe('STORE_UNAVAILABLE')
    expect(response.body).not.toContain('ECONNREFUSED')
    expect(sent).toEqual([])
    expect((await hooks.deliveries())[0]).toMatchObject({ outcome: 'rejected', errorCode: 'STORE_UNAVAILABLE' })
  })
})

describe('createPayhooks: notifications', () => {
  it('answers the provider even when a notifier fails, then retries until it succeeds', async () => {
    let calls = 0
    const { hooks } = setup({
      notify: () => {
        calls += 1
        if (calls < 3) throw new Error(`sms gateway down (${calls})`)
      },
    })
    expect((await deliver(hooks, datamartSamples.completed())).status).toBe(200)
    for (let i = 0; i < 50 && calls < 3; i++) {
      await new Promise((resolve) => setTimeout(resolve, 5))
      await hooks.drainOutbox()
    }
    expect(calls).toBe(3)
    const rows = await hooks.store.notifications()
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ state: 'sent', attempts: 3, lastError: 'sms gateway down (2)' })
  })

  it('dead-letters a notification after maxAttempts and never sends it again', async () => {
    let calls = 0
    const { hooks } = setup({
      notify: () => {
        calls += 1
        throw new Error('always down')
      },
    })
    await deliver(hooks, datamartSamples.completed())
    for (let i = 0; i < 50; i++) {
      await new Promise((resolve) => setTimeout(resolve, 5))
      await hooks.drainOutbox()
      if ((await hooks.store.notifications({ state: 'dead' })).length > 0) break
    }
    expect(calls).toBe(3)
    expect(await hooks.store.notifications({ state: 'dead' })).toHaveLength(1)
    await hooks.drainOutbox()
    expect(calls).toBe(3)
  })
})
