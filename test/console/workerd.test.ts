import { Miniflare } from 'miniflare'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { samples, signWebhook } from 'payhooks/testing'
import { readSse } from '../notifiers/sse-reader.js'
import { bundleWorker } from '../runtimes/fixtures/bundle-worker.js'

// The console bundled for Workers (WebCrypto, no node: modules) and run by workerd through miniflare.

const WEBHOOK_SECRET = 'dm_whsec_console_workerd_51'
const CONSOLE_TOKEN = 'workerd-console-token-4d1f9a7c2e6b8035'
let mf: Miniflare

beforeAll(async () => {
  const script = await bundleWorker('../../console/fixtures/console-worker.ts', { WEBHOOK_SECRET, CONSOLE_TOKEN })
  mf = new Miniflare({ modules: true, script, compatibilityDate: '2024-09-23' })
  await mf.ready
})
afterAll(() => mf?.dispose())

describe('the console under workerd', () => {
  it('signs in, refuses an action without CSRF, opens the feed and lists deliveries from the store', async () => {
    const login = await mf.dispatchFetch('https://shop.example/payhooks/login', {
      method: 'POST',
      body: new URLSearchParams({ token: CONSOLE_TOKEN }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      redirect: 'manual',
    })
    expect(login.status).toBe(303)
    const cookies = login.headers.getSetCookie()
    expect(cookies.every((line) => line.endsWith('HttpOnly; SameSite=Strict; Secure'))).toBe(true)
    const cookie = cookies.map((line) => line.split(';', 1)[0]).join('; ')
    const get = (path: string, init: RequestInit = {}) => mf.dispatchFetch(`https://shop.example/payhooks${path}`, { ...init, headers: { cookie, ...(init.headers as Record<string, string>) } } as never)

    const page = await get('')
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'")
    expect(await page.text()).toContain('/payhooks/assets/console.js')
    const { csrf } = (await (await get('/api/bootstrap')).json()) as { csrf: string }
    const headers = { 'content-type': 'application/json' }
    expect((await get('/api/retry', { method: 'POST', body: '{"all":true}', headers })).status).toBe(403)
    expect((await get('/api/retry', { method: 'POST', body: '{"all":true}', headers: { ...headers, 'x-payhooks-csrf': csrf } })).status).toBe(200)

    const feed = await get('/api/feed')
    expect(feed.headers.get('content-type')).toBe('text/event-stream')
    const stream = readSse(feed.body as ReadableStream<Uint8Array>)
    await stream.untilFrame((frame) => frame.comment === 'connected', 'the connected comment')
    await stream.cancel()
    const payload = samples.datamart.completed({ data: { ...(samples.datamart.completed().data as object), orderReference: 'GN-WORKERD-1' } })
    const signed = await signWebhook('datamart', payload, { secret: WEBHOOK_SECRET })
    expect((await mf.dispatchFetch(`https://shop.example${signed.url}`, { method: 'POST', body: signed.body, headers: signed.headers })).status).toBe(200)
    // Not pushed over the open feed: workerd binds a stream to the request that made it, so another
    // request cannot write to it. The page reads such deliveries from the log instead.
    const { deliveries } = (await (await get('/api/deliveries?reference=GN-WORKERD-1')).json()) as { deliveries: { outcome: string }[] }
    expect(deliveries.map((d) => d.outcome)).toEqual(['applied'])
  })
})
