import { afterEach, describe, expect, it, vi } from 'vitest'
import { createDatamartFakeStatusApi, type DatamartFakeOptions } from '../../../src/providers/datamart/fake-status-api.js'
import { serveFetchHandler, type ServedHandler } from '../../../src/testing/serve-fetch-handler.js'
import { orderAnswer, REFERENCE } from './status-fixtures.js'

const API_KEY = 'dm_live_fake_key_for_the_fake'

const served: ServedHandler[] = []
afterEach(async () => {
  vi.useRealTimers()
  await Promise.all(served.splice(0).map((server) => server.close()))
})

async function serve(options: DatamartFakeOptions = {}) {
  const fake = createDatamartFakeStatusApi({ apiKey: API_KEY, ...options })
  fake.setOrder(REFERENCE, orderAnswer('completed'))
  const server = await serveFetchHandler((request) => fake.fetch(request))
  served.push(server)
  const get = (path: string, headers: Record<string, string> = { 'x-api-key': API_KEY }) => fetch(`${server.url}${path}`, { headers })
  return { fake, get }
}

const rateHeaders = (response: Response) => ({
  limit: response.headers.get('x-ratelimit-limit'),
  remaining: response.headers.get('x-ratelimit-remaining'),
  reset: response.headers.get('x-ratelimit-reset'),
})

describe('fake DataMart order-status API', () => {
  it('answers the truth under the API field names, echoing the reference, with a rateLimit object', async () => {
    const { get } = await serve()
    const response = await get(`/api/developer/order-status/${REFERENCE}`)
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({
      status: 'success',
      data: { reference: REFERENCE, orderId: '66a9f0c2b7e4d21a9c3f5e10', phoneNumber: '0551234567', orderStatus: 'completed' },
      rateLimit: { limit: 200, remaining: 199 },
    })
  })

  it("checks X-API-Key with the bodies of DataMart's code, and the second-secret rule when the account has it", async () => {
    const { get } = await serve({ apiSecret: 'dm_sec_rule' })
    const path = `/api/developer/order-status/${REFERENCE}`
    expect(await (await get(path, {})).json()).toEqual({ status: 'error', message: 'No API key provided' })
    const wrong = await get(path, { 'x-api-key': 'nope' })
    expect([wrong.status, await wrong.json()]).toEqual([401, { status: 'error', message: 'Invalid or inactive API key' }])
    const noSecret = await get(path)
    expect([noSecret.status, (await noSecret.json()).code]).toEqual([403, 'API_RULE_VIOLATION'])
    expect((await get(path, { 'x-api-key': API_KEY, 'x-api-secret': 'dm_sec_rule' })).status).toBe(200)
  })

  it('puts rate-limit headers on every answer, spends one per request, and answers 429 with them once the budget is spent', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(Date.parse('2026-08-01T09:00:00.000Z'))
    const { get, fake } = await serve({ budget: 3, windowMs: 10_000 })
    const answers = [
      await get(`/api/developer/order-status/${REFERENCE}`),
      await get('/api/developer/order-status/GN-NOSUCH1'),
      await get(`/api/developer/order-status/${REFERENCE}`, { 'x-api-key': 'nope' }),
    ]
    expect(answers.map((r) => r.status)).toEqual([200, 404, 401])
    expect(await answers[1]?.json()).toEqual({ status: 'error', message: 'Order not found with the provided reference' })
    const resetAt = String(Date.parse('2026-08-01T09:00:10.000Z') / 1000)
    expect(answers.map(rateHeaders)).toEqual(['2', '1', '0'].map((remaining) => ({ limit: '3', remaining, reset: resetAt })))
    const limited = await get(`/api/developer/order-status/${REFERENCE}`)
    expect(limited.status).toBe(429)
    expect(rateHeaders(limited)).toEqual({ limit: '3', remaining: '0', reset: resetAt })
    expect(limited.headers.get('retry-after')).toBe('10')
    expect(await limited.json()).toMatchObject({ status: 'error', code: 'RATE_LIMIT_EXCEEDED' })
    vi.setSystemTime(Date.parse('2026-08-01T09:00:10.000Z'))
    expect(fake.remaining()).toBe(3)
    expect((await get(`/api/developer/order-status/${REFERENCE}`)).status).toBe(200)
  })

  it('writes X-RateLimit-Reset as seconds left when told to, and leaves Retry-After out when told to', async () => {
    const { get } = await serve({ budget: 1, windowMs: 5_000, reset: 'seconds-left', retryAfter: false })
    await get(`/api/developer/order-status/${REFERENCE}`)
    const limited = await get(`/api/developer/order-status/${REFERENCE}`)
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('x-ratelimit-reset'))).toBeGreaterThan(0)
    expect(Number(limited.headers.get('x-ratelimit-reset'))).toBeLessThanOrEqual(5)
    expect(limited.headers.get('retry-after')).toBeNull()
  })

  it("answers a route it does not have (a base URL without /developer) with Express's HTML 404", async () => {
    const { get } = await serve()
    const response = await get(`/api/order-status/${REFERENCE}`)
    expect(response.status).toBe(404)
    expect(response.headers.get('content-type')).toMatch(/text\/html/)
    expect(await response.text()).toContain('Cannot GET')
  })

  it('injects the documented 500 body and a proxy page', async () => {
    const { get, fake } = await serve()
    fake.failNext('server-error')
    fake.failNext('malformed')
    const error = await get(`/api/developer/order-status/${REFERENCE}`)
    expect([error.status, await error.json()]).toEqual([500, { status: 'error', message: 'Failed to check order status' }])
    const page = await get(`/api/developer/order-status/${REFERENCE}`)
    expect([page.status, page.headers.get('content-type')]).toEqual([200, 'text/html'])
  })
})
