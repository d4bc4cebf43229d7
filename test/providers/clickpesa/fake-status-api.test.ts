import { afterEach, describe, expect, it } from 'vitest'
import { createClickpesaFakeStatusApi } from '../../../src/providers/clickpesa/fake-status-api.js'
import { fakeStatusApis } from '../../../src/providers/fake-status-apis.js'
import { serveFetchHandler, type ServedHandler } from '../../../src/testing/serve-fetch-handler.js'
import { API_KEY, CLIENT_ID, paymentSuccess, payout } from './status-fixtures.js'

// The fake against the documented answers of providers.md §3.5, over real HTTP on 127.0.0.1.

let served: ServedHandler | undefined
afterEach(async () => {
  await served?.close()
  served = undefined
})

async function serve(options: Parameters<typeof createClickpesaFakeStatusApi>[0] = {}) {
  const fake = createClickpesaFakeStatusApi({ clientId: CLIENT_ID, apiKey: API_KEY, ...options })
  served = await serveFetchHandler((request) => fake.fetch(request))
  const url = served.url
  const token = async () => {
    const response = await fetch(`${url}/third-parties/generate-token`, { method: 'POST', headers: { 'client-id': CLIENT_ID, 'api-key': API_KEY } })
    return ((await response.json()) as { token: string }).token
  }
  const get = (path: string, authorization?: string) => fetch(`${url}${path}`, { headers: authorization === undefined ? {} : { authorization } })
  return { fake, url, token, get }
}

describe('createClickpesaFakeStatusApi', () => {
  it('is the clickpesa entry of fakeStatusApis', () => {
    expect(fakeStatusApis.clickpesa).toBe(createClickpesaFakeStatusApi)
  })

  it('issues { success: true, token: "Bearer <jwt>" } for the right client-id and api-key', async () => {
    const { url } = await serve()
    const response = await fetch(`${url}/third-parties/generate-token`, { method: 'POST', headers: { 'client-id': CLIENT_ID, 'api-key': API_KEY } })
    expect(response.status).toBe(200)
    const body = (await response.json()) as { success: boolean; token: string }
    expect(body.success).toBe(true)
    expect(body.token).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/)
    const claims = JSON.parse(atob(body.token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as { iat: number; exp: number }
    expect(claims.exp - claims.iat).toBe(3600)
  })

  it('answers the documented refusals: 401 without credentials, 403 for a wrong client or key', async () => {
    const { url } = await serve()
    const post = (headers: Record<string, string>) => fetch(`${url}/third-parties/generate-token`, { method: 'POST', headers })
    const missing = await post({})
    expect([missing.status, await missing.json()]).toEqual([401, { message: 'Unauthorized' }])
    const client = await post({ 'client-id': 'other', 'api-key': API_KEY })
    expect([client.status, await client.json()]).toEqual([403, { message: 'Invalid client details' }])
    const key = await post({ 'client-id': CLIENT_ID, 'api-key': 'other' })
    expect([key.status, await key.json()]).toEqual([403, { message: 'Invalid or Expired API-Key' }])
  })

  it('answers queries with arrays, the documented 404 bodies, and 401 for a missing, doubled or expired token', async () => {
    const { fake, token, get } = await serve()
    fake.setPayments('ORD123456', [paymentSuccess(), paymentSuccess({ id: 'SECOND', status: 'FAILED' })])
    fake.setPayouts('order_123456', [payout('SUCCESS')])
    const authorization = await token()
    const payments = await get('/third-parties/payments/ORD123456', authorization)
    expect(payments.status).toBe(200)
    expect(((await payments.json()) as unknown[]).length).toBe(2)
    expect((await get('/third-parties/payouts/order_123456', authorization)).status).toBe(200)
    const missingPayment = await get('/third-parties/payments/NOPE', authorization)
    expect([missingPayment.status, await missingPayment.json()]).toEqual([404, { message: 'Invalid or missing payment: NOPE' }])
    const missingPayout = await get('/third-parties/payouts/NOPE', authorization)
    expect(await missingPayout.json()).toEqual({ message: 'Invalid or missing payout: NOPE' })
    expect((await get('/third-parties/payments/ORD123456')).status).toBe(401)
    const doubled = await get('/third-parties/payments/ORD123456', `Bearer ${authorization}`)
    expect([doubled.status, await doubled.json()]).toEqual([401, { message: 'Unauthorized' }])
    fake.expireTokens()
    expect((await get('/third-parties/payments/ORD123456', authorization)).status).toBe(401)
  })

  it('expires tokens after tokenTtlMs', async () => {
    // A clock of its own: a loaded machine taking 40 ms between two requests must not fail the first.
    let now = Date.parse('2026-07-31T10:00:00Z')
    const { fake, token, get } = await serve({ tokenTtlMs: 40_000, now: () => now })
    fake.setPayments('ORD123456', [paymentSuccess()])
    const authorization = await token()
    now += 39_999
    expect((await get('/third-parties/payments/ORD123456', authorization)).status).toBe(200)
    now += 1
    expect((await get('/third-parties/payments/ORD123456', authorization)).status).toBe(401)
    expect(fake.tokensIssued()).toBe(1)
  })

  it('answers faults the way a gateway in front of ClickPesa would', async () => {
    const { fake, token, get } = await serve()
    fake.setPayments('ORD123456', [paymentSuccess()])
    const authorization = await token()
    fake.failNext('rate-limited')
    const limited = await get('/third-parties/payments/ORD123456', authorization)
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '0'])
    fake.failNext('server-error')
    expect((await get('/third-parties/payments/ORD123456', authorization)).status).toBe(502)
    fake.failNext('malformed')
    const malformed = await get('/third-parties/payments/ORD123456', authorization)
    expect(malformed.status).toBe(200)
    expect(await malformed.text()).toMatch(/^<html>/)
    expect(fake.requests.filter((r) => r.key === 'ORD123456')).toHaveLength(3)
  })
})
