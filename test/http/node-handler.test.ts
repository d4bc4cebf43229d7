import { createServer, type Server } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import { toNodeHandler } from 'payhooks/node'
import { closeServer, createTestHooks, listen, MAX_BODY_BYTES, postEndlessChunked, prettyUnicodeDatamart, refractCheckout, secrets } from './http-fixtures.js'

let server: Server | undefined
afterEach(async () => {
  if (server !== undefined) await closeServer(server)
  server = undefined
})

async function start(handler: Parameters<typeof createServer>[1]) {
  server = createServer(handler)
  return listen(server)
}

describe('toNodeHandler (node:http)', () => {
  it('passes the raw body through byte for byte: a signature over pretty non-ASCII JSON verifies', async () => {
    const hooks = createTestHooks()
    const url = await start(toNodeHandler(hooks))
    const { body, headers, reference } = prettyUnicodeDatamart()
    const response = await fetch(`${url}/webhooks/datamart`, { method: 'POST', body, headers })
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ received: true })
    expect((await hooks.record('datamart', reference))?.status).toBe('completed')
    expect((await hooks.deliveries({ limit: 1 }))[0]?.body).toBe(body)
  })

  it('resolves /webhooks/refract/<token> to refract and answers 204 with no body', async () => {
    const hooks = createTestHooks()
    const url = await start(toNodeHandler(hooks))
    const response = await fetch(`${url}/webhooks/refract/${secrets.refract}`, { method: 'POST', body: refractCheckout('#N-1') })
    expect(response.status).toBe(204)
    expect(await response.text()).toBe('')
    expect((await hooks.record('refract', 'N-1'))?.status).toBe('completed')
  })

  it('answers 405 for a GET and 404 for an unknown provider, both in the error shape', async () => {
    const url = await start(toNodeHandler(createTestHooks()))
    const get = await fetch(`${url}/webhooks/datamart`)
    expect(get.status).toBe(405)
    expect(get.headers.get('allow')).toBe('POST')
    const unknown = await fetch(`${url}/webhooks/paystack`, { method: 'POST', body: '{}' })
    expect(unknown.status).toBe(404)
    expect(await unknown.json()).toMatchObject({ error: { code: 'PROVIDER_UNKNOWN' } })
  })

  it('answers 413 from content-length without applying anything', async () => {
    const hooks = createTestHooks()
    const url = await start(toNodeHandler(hooks))
    const response = await fetch(`${url}/webhooks/datamart`, { method: 'POST', body: 'x'.repeat(MAX_BODY_BYTES + 1) })
    expect(response.status).toBe(413)
    expect(await response.json()).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } })
    expect(await hooks.records()).toEqual([])
  })

  it('answers 413 to a chunked upload without content-length and stops reading it', async () => {
    const handler = toNodeHandler(createTestHooks())
    let bytesRead: Promise<number> | undefined
    const url = await start((req, res) => {
      bytesRead = new Promise((resolve) => req.socket.once('close', () => resolve(req.socket.bytesRead)))
      void handler(req, res)
    })
    const result = await postEndlessChunked(`${url}/webhooks/datamart`)
    expect(result.status).toBe(413)
    expect(JSON.parse(result.body)).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } })
    expect(result.connection).toBe('close')
    // The client offers 8 MiB; the server read a small part and closed the connection instead of draining it.
    expect(await bytesRead).toBeLessThan(1024 * 1024)
  })

  it('with { path }, handles only requests under it and hands the rest to next()', async () => {
    const handler = toNodeHandler(createTestHooks(), { path: '/hooks/' })
    const url = await start((req, res) => {
      void handler(req, res, () => {
        res.writeHead(200, { 'content-type': 'text/plain' })
        res.end('the app')
      })
    })
    const outside = await fetch(`${url}/shop/datamart`, { method: 'POST', body: '{}' })
    expect(await outside.text()).toBe('the app')
    const { body, headers } = prettyUnicodeDatamart()
    expect((await fetch(`${url}/hooks/datamart`, { method: 'POST', body, headers })).status).toBe(200)
  })

  it('with { path } and no next(), answers 404 outside the path instead of guessing a provider', async () => {
    const url = await start(toNodeHandler(createTestHooks(), { path: '/hooks' }))
    const response = await fetch(`${url}/elsewhere/datamart`, { method: 'POST', body: '{}' })
    expect(response.status).toBe(404)
    expect(await response.json()).toMatchObject({ error: { code: 'NOT_FOUND' } })
  })
})
