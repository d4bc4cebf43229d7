import { afterEach, describe, expect, it, vi } from 'vitest'
import { isStatusApiError, type StatusAnswer, type StatusApiError, type StatusClient } from '../../../src/core/status-api.js'
import { datamart, type DatamartStatusApiOptions } from '../../../src/providers/datamart/index.js'
import { createDatamartFakeStatusApi, DATAMART_FAKE_BASE_PATH, type DatamartFakeOptions, type DatamartFakeStatusApi } from '../../../src/providers/datamart/fake-status-api.js'
import { datamartSamples } from '../../../src/providers/datamart/samples.js'
import { datamartTestKit } from '../../../src/providers/datamart/test-kit.js'
import { fakeStatusApis } from '../../../src/providers/fake-status-apis.js'
import { serveFetchHandler, type ServedHandler } from '../../../src/testing/serve-fetch-handler.js'
import { toRequest } from '../../../src/core/test-kit.js'
import { orderAnswer, REFERENCE } from './status-fixtures.js'

const WEBHOOK_SECRET = 'dm_whsec_4f1c9a7e'
const API_KEY = 'dm_live_9f8e7d6c5b4a39281706f5e4d3c2b1a0'
const API_SECRET = 'dm_sec_1a2b3c4d5e6f7a8b'
const WRONG_KEY = 'dm_live_00000000wrongwrongwrong0000'
const CREDENTIALS = [API_KEY, API_SECRET, WRONG_KEY]

const served: ServedHandler[] = []
afterEach(async () => {
  vi.useRealTimers()
  await Promise.all(served.splice(0).map((server) => server.close()))
})

interface Setup {
  fake: DatamartFakeStatusApi
  url: string
  client(options?: Partial<DatamartStatusApiOptions>): StatusClient
}

/** The fake on a real 127.0.0.1 server, and clients pointed at it. */
async function setup(options: DatamartFakeOptions = {}): Promise<Setup> {
  const fake = createDatamartFakeStatusApi({ apiKey: API_KEY, ...options })
  const server = await serveFetchHandler((request) => fake.fetch(request))
  served.push(server)
  const baseUrl = `${server.url}${DATAMART_FAKE_BASE_PATH}`
  return {
    fake,
    url: server.url,
    client: (overrides = {}) => {
      const adapter = datamart({ webhookSecret: WEBHOOK_SECRET, statusApi: { apiKey: API_KEY, baseUrl, timeoutMs: 2_000, ...overrides } })
      if (!adapter.statusApi.supported) throw new Error('statusApi should be supported')
      return adapter.statusApi.client
    },
  }
}

const ask = (client: StatusClient, reference = REFERENCE, signal?: AbortSignal): Promise<StatusAnswer> =>
  client.fetchStatus({ reference, providerStatus: null, signal })

/** Everything an error could show a person or a log: no credential may be in it. */
function everythingShown(error: unknown): string {
  const parts: string[] = []
  let current: unknown = error
  for (let depth = 0; current instanceof Error && depth < 5; depth++) {
    parts.push(String(current), current.message, current.stack ?? '', JSON.stringify(current), (current as { hint?: string }).hint ?? '')
    current = current.cause
  }
  return parts.join('\n')
}

async function statusError(promise: Promise<unknown>, code: StatusApiError['code']): Promise<StatusApiError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  )
  expect(isStatusApiError(error), String(error)).toBe(true)
  const statusApiError = error as StatusApiError
  expect(statusApiError.code).toBe(code)
  expect(statusApiError.provider).toBe('datamart')
  const shown = everythingShown(statusApiError)
  for (const credential of CREDENTIALS) expect(shown).not.toContain(credential)
  return statusApiError
}

/** The webhook DataMart would send for the same order in this status (§4.3), parsed by the adapter. */
async function webhookEvent(event: string, dataStatus: string) {
  const adapter = datamart({ webhookSecret: WEBHOOK_SECRET })
  const payload = datamartSamples.completed({ event })
  ;(payload.data as Record<string, unknown>).status = dataStatus
  return adapter.parse(toRequest(await datamartTestKit.sign(payload, { secret: WEBHOOK_SECRET })))
}

describe('datamart status client: statuses', () => {
  it.each([
    // Documented order statuses (§4.4) and the webhook that reports each.
    ['pending', 'pending', 'order.created'],
    ['waiting', 'pending', 'order.created'],
    ['processing', 'processing', 'order.processing'],
    ['completed', 'completed', 'order.completed'],
    ['failed', 'failed', 'order.failed'],
    ['refunded', 'refunded', 'order.refunded'],
    // The backend enum's undocumented values (§4.4), in any case.
    ['delivered', 'completed', 'order.completed'],
    ['accepted', 'processing', 'order.processing'],
    ['refund', 'refunded', 'order.refunded'],
    ['COMPLETED', 'completed', 'order.completed'],
  ] as const)('orderStatus %s → %s, the same event (and id) as the %s webhook', async (orderStatus, status, webhookName) => {
    const { fake, client } = await setup()
    fake.setOrder(REFERENCE, orderAnswer(orderStatus))
    const answer = await ask(client())
    expect(answer.found).toBe(true)
    if (!answer.found) return
    expect(answer.events).toHaveLength(1)
    const polled = answer.events[0]
    const webhook = await webhookEvent(webhookName, orderStatus)
    expect(polled).toMatchObject({ provider: 'datamart', kind: 'order', status, type: `order.${status}`, reference: REFERENCE, providerStatus: webhookName })
    expect(polled?.id).toBe(webhook.id)
    expect(polled?.id).toBe(`datamart|order|${REFERENCE}|66a9f0c2b7e4d21a9c3f5e10|${webhookName}`)
    const { raw: _polledRaw, details: _polledDetails, ...polledRest } = polled as NonNullable<typeof polled>
    const { raw: _webhookRaw, details: _webhookDetails, ...webhookRest } = webhook
    expect(polledRest).toEqual(webhookRest)
    // The answer's own field names were translated into the webhook's (§4.7.1).
    expect(polled?.raw).toMatchObject({ event: webhookName, data: { orderReference: REFERENCE, phone: '0551234567', status: orderStatus } })
  })

  it('sends the API key as X-API-Key to {base}/order-status/{reference}, the reference escaped', async () => {
    const { fake, client } = await setup()
    const reference = 'GN-AB/12 CD'
    fake.setOrder(reference, orderAnswer('completed'))
    const answer = await ask(client(), reference)
    expect(answer.found && answer.events[0]?.reference).toBe(reference)
    expect(fake.requests[0]).toMatchObject({ method: 'GET', path: '/api/developer/order-status/GN-AB%2F12%20CD', key: reference })
    expect(fake.requests[0]?.headers['x-api-key']).toBe(API_KEY)
    expect(fake.requests[0]?.headers).not.toHaveProperty('x-api-secret')
  })

  it.each(['on', 'teleported'])('an orderStatus nobody documents the meaning of (%s) applies nothing: STATUS_API_INVALID_RESPONSE', async (orderStatus) => {
    const { fake, client } = await setup()
    fake.setOrder(REFERENCE, orderAnswer(orderStatus))
    const error = await statusError(ask(client()), 'STATUS_API_INVALID_RESPONSE')
    expect(error.message).toContain(`"${orderStatus}"`)
  })

  it('an order DataMart does not know (documented 404 body) is not found, not an error', async () => {
    const { client } = await setup()
    expect(await ask(client(), 'GN-NOSUCH1')).toEqual({ found: false, message: 'DataMart has no order under reference GN-NOSUCH1.' })
  })
})

describe('datamart status client: refusals', () => {
  it('a wrong API key is STATUS_API_UNAUTHORIZED with a hint about the key, never the key', async () => {
    const { client } = await setup()
    const error = await statusError(ask(client({ apiKey: WRONG_KEY })), 'STATUS_API_UNAUTHORIZED')
    expect(error.httpStatus).toBe(401)
    expect(error.hint).toMatch(/apiKey/)
    expect(error.hint).toMatch(/not the webhook secret/)
  })

  it("an account with the second-secret rule answers 403 API_RULE_VIOLATION without it, and the order with it", async () => {
    const { fake, client } = await setup({ apiSecret: API_SECRET })
    fake.setOrder(REFERENCE, orderAnswer('completed'))
    const error = await statusError(ask(client()), 'STATUS_API_UNAUTHORIZED')
    expect(error.httpStatus).toBe(403)
    expect(error.hint).toMatch(/apiSecret/)
    expect((await ask(client({ apiSecret: API_SECRET }))).found).toBe(true)
    expect(fake.requests[1]?.headers['x-api-secret']).toBe(API_SECRET)
  })

  it('a base URL without /developer meets an HTML 404: STATUS_API_ERROR naming the right base URL', async () => {
    const { url, client } = await setup()
    const error = await statusError(ask(client({ baseUrl: `${url}/api` })), 'STATUS_API_ERROR')
    expect(error.httpStatus).toBe(404)
    expect(error.hint).toContain('/api/developer')
  })

  it('5xx is STATUS_API_UNAVAILABLE', async () => {
    const { fake, client } = await setup()
    fake.setOrder(REFERENCE, orderAnswer('completed'))
    fake.failNext('server-error')
    const error = await statusError(ask(client()), 'STATUS_API_UNAVAILABLE')
    expect(error.httpStatus).toBe(500)
    expect((await ask(client())).found).toBe(true)
  })

  it('a proxy page instead of JSON, and JSON of another shape, are STATUS_API_INVALID_RESPONSE', async () => {
    const { fake, client } = await setup()
    fake.failNext('malformed')
    await statusError(ask(client()), 'STATUS_API_INVALID_RESPONSE')
    fake.setOrder(REFERENCE, { ...orderAnswer('completed'), orderStatus: 42 as unknown as string })
    const error = await statusError(ask(client()), 'STATUS_API_INVALID_RESPONSE')
    expect(error.message).toContain('data.orderStatus')
  })

  it('an answer about another reference is refused, not applied', async () => {
    const server = await serveFetchHandler(async () =>
      Response.json({ status: 'success', data: { ...orderAnswer('completed'), reference: 'GN-SOMEONE2' } }, { headers: { 'x-ratelimit-remaining': '150' } }),
    )
    served.push(server)
    const adapter = datamart({ webhookSecret: WEBHOOK_SECRET, statusApi: { apiKey: API_KEY, baseUrl: server.url } })
    if (!adapter.statusApi.supported) throw new Error('statusApi should be supported')
    const error = await statusError(ask(adapter.statusApi.client), 'STATUS_API_INVALID_RESPONSE')
    expect(error.message).toMatch(/another reference/)
  })

  it('no answer within timeoutMs is STATUS_API_TIMEOUT', async () => {
    const { fake, client } = await setup()
    fake.failNext('hang')
    await statusError(ask(client({ timeoutMs: 100 })), 'STATUS_API_TIMEOUT')
  })

  it("the caller's abort signal is STATUS_API_ABORTED, before and during a request", async () => {
    const { fake, client } = await setup()
    await statusError(ask(client(), REFERENCE, AbortSignal.abort()), 'STATUS_API_ABORTED')
    expect(fake.requests).toHaveLength(0)
    fake.failNext('hang')
    const controller = new AbortController()
    const pending = ask(client(), REFERENCE, controller.signal)
    for (let i = 0; i < 200 && fake.requests.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 5))
    expect(fake.requests).toHaveLength(1)
    controller.abort()
    await statusError(pending, 'STATUS_API_ABORTED')
  })
})

describe('datamart status client: rate limits', () => {
  const T0 = Date.parse('2026-08-01T09:00:00.400Z')

  it.each(['epoch-seconds', 'seconds-left'] as const)(
    'X-RateLimit-Remaining: 0 on an answer makes the next call wait for the reset without a request (Reset as %s)',
    async (reset) => {
      vi.useFakeTimers({ toFake: ['Date'] })
      vi.setSystemTime(T0)
      const { fake, client: clientOf } = await setup({ budget: 2, windowMs: 60_000, reset })
      fake.setOrder(REFERENCE, orderAnswer('processing'))
      const client = clientOf()
      expect((await ask(client)).found).toBe(true)
      expect((await ask(client)).found).toBe(true)
      expect(fake.remaining()).toBe(0)
      vi.setSystemTime(T0 + 10_000)
      const error = await statusError(ask(client), 'STATUS_API_RATE_LIMITED')
      expect(fake.requests).toHaveLength(2)
      // The window ends at T0 + 60 s; the header's whole seconds may round it up by under a second.
      expect(error.retryAfterMs).toBeGreaterThanOrEqual(50_000)
      expect(error.retryAfterMs).toBeLessThanOrEqual(51_000)
      expect(error.httpStatus).toBeUndefined()
      vi.setSystemTime(T0 + 61_000)
      expect((await ask(client)).found).toBe(true)
      expect(fake.requests).toHaveLength(3)
    },
  )

  it.each([
    ['Retry-After', true],
    ['X-RateLimit-Reset (no Retry-After)', false],
  ] as const)('429 is STATUS_API_RATE_LIMITED with the wait from %s, and the next call waits without a request', async (_label, retryAfter) => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(T0)
    const { fake, client: clientOf } = await setup({ budget: 1, windowMs: 30_000, retryAfter })
    fake.setOrder(REFERENCE, orderAnswer('processing'))
    // Another process with the same key spent the budget: this client has not seen Remaining: 0.
    await ask(clientOf())
    const client = clientOf()
    const error = await statusError(ask(client), 'STATUS_API_RATE_LIMITED')
    expect(error.httpStatus).toBe(429)
    // The window ends at T0 + 30 s; whole seconds in either header may round it by under a second.
    expect(error.retryAfterMs).toBeGreaterThanOrEqual(29_000)
    expect(error.retryAfterMs).toBeLessThanOrEqual(31_000)
    expect(fake.requests).toHaveLength(2)
    await statusError(ask(client), 'STATUS_API_RATE_LIMITED')
    expect(fake.requests).toHaveLength(2)
  })

  it("the fake's rate-limited fault (Retry-After: 0) is RATE_LIMITED with no wait, and blocks nothing after it", async () => {
    const { fake, client: clientOf } = await setup()
    fake.setOrder(REFERENCE, orderAnswer('completed'))
    const client = clientOf()
    fake.failNext('rate-limited')
    expect((await statusError(ask(client), 'STATUS_API_RATE_LIMITED')).retryAfterMs).toBe(0)
    expect((await ask(client)).found).toBe(true)
  })
})

describe('datamart statusApi option', () => {
  it('without statusApi the adapter says why it cannot be polled', () => {
    const adapter = datamart({ webhookSecret: WEBHOOK_SECRET })
    expect(adapter.statusApi).toEqual({ supported: false, reason: expect.stringContaining('statusApi: { apiKey }') })
  })

  it.each([
    ['an empty key', { apiKey: '' }, 'SECRET_INVALID'],
    ['a key with a stray newline', { apiKey: `${API_KEY}\n` }, 'SECRET_INVALID'],
    ['a key that is not a string', { apiKey: 42 as unknown as string }, undefined],
    ['an empty secret', { apiKey: API_KEY, apiSecret: '' }, 'SECRET_INVALID'],
    ['a base URL with credentials', { apiKey: API_KEY, baseUrl: `https://user:${API_SECRET}@api.datamartgh.shop/api/developer` }, undefined],
  ])('refuses %s at creation, without echoing it', (_label, statusApi, code) => {
    let caught: unknown
    try {
      datamart({ webhookSecret: WEBHOOK_SECRET, statusApi })
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(Error)
    if (code !== undefined) expect(caught).toMatchObject({ code })
    for (const credential of CREDENTIALS) expect(everythingShown(caught)).not.toContain(credential)
  })

  it('is registered as the datamart fake for payhooks/testing', () => {
    expect(fakeStatusApis.datamart).toBe(createDatamartFakeStatusApi)
  })
})
