import { createServer, type IncomingMessage, type Server } from 'node:http'
import express, { type Express } from 'express'
import { afterEach, describe, expect, it } from 'vitest'
import { expressWebhooks } from 'payhooks/express'
import { closeServer, createTestHooks, listen, MAX_BODY_BYTES, postEndlessChunked, prettyUnicodeDatamart, refractCheckout, secrets } from './http-fixtures.js'

let server: Server | undefined
afterEach(async () => {
  if (server !== undefined) await closeServer(server)
  server = undefined
})

async function start(app: Express) {
  server = createServer(app)
  return listen(server)
}

describe('expressWebhooks (router mounted before the app’s body parsers)', () => {
  function app() {
    const hooks = createTestHooks()
    const app = express()
    app.use('/webhooks', expressWebhooks(hooks))
    app.use(express.json())
    app.post('/api/echo', (req, res) => void res.json({ parsed: req.body as unknown }))
    return { hooks, app }
  }

  it('reads the raw body itself: a pretty non-ASCII Datamart signature verifies, logged unchanged', async () => {
    const { hooks, app: application } = app()
    const url = await start(application)
    const { body, headers, reference } = prettyUnicodeDatamart()
    const response = await fetch(`${url}/webhooks/datamart`, { method: 'POST', body, headers })
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ received: true })
    expect((await hooks.record('datamart', reference))?.status).toBe('completed')
    expect((await hooks.deliveries({ limit: 1 }))[0]?.body).toBe(body)
  })

  it('leaves the app’s own JSON routes parsed as before', async () => {
    const url = await start(app().app)
    const response = await fetch(`${url}/api/echo`, { method: 'POST', body: '{"a":[1,2]}', headers: { 'content-type': 'application/json' } })
    expect(await response.json()).toEqual({ parsed: { a: [1, 2] } })
  })

  it('routes /:provider/:token (Refract 204) and keeps the query (AzamPay ?token=)', async () => {
    const { hooks, app: application } = app()
    const url = await start(application)
    const refract = await fetch(`${url}/webhooks/refract/${secrets.refract}`, { method: 'POST', body: refractCheckout('#EX-1') })
    expect(refract.status).toBe(204)
    expect((await hooks.record('refract', 'EX-1'))?.status).toBe('completed')
    const forged = await fetch(`${url}/webhooks/refract/not-the-token`, { method: 'POST', body: refractCheckout('#EX-2') })
    expect(forged.status).toBe(401)
    expect(await hooks.record('refract', 'EX-2')).toBeNull()
  })

  it('answers 405 for GET, 404 for an unknown provider, 413 for oversized bodies', async () => {
    const { hooks, app: application } = app()
    const url = await start(application)
    expect((await fetch(`${url}/webhooks/datamart`)).status).toBe(405)
    const unknown = await fetch(`${url}/webhooks/paypal`, { method: 'POST', body: '{}' })
    expect(unknown.status).toBe(404)
    expect(await unknown.json()).toMatchObject({ error: { code: 'PROVIDER_UNKNOWN' } })
    const declared = await fetch(`${url}/webhooks/datamart`, { method: 'POST', body: 'x'.repeat(MAX_BODY_BYTES + 1) })
    expect(declared.status).toBe(413)
    const chunked = await postEndlessChunked(`${url}/webhooks/datamart`)
    expect(chunked.status).toBe(413)
    expect(JSON.parse(chunked.body)).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } })
    expect(await hooks.records()).toEqual([])
    // Refused by the glue before the engine saw a body, and still in the delivery log.
    const tooLarge = (await hooks.deliveries()).filter((d) => d.errorCode === 'PAYLOAD_TOO_LARGE')
    expect(tooLarge).toHaveLength(2)
    expect(tooLarge.every((d) => d.provider === 'datamart' && d.outcome === 'rejected')).toBe(true)
  })
})

describe('expressWebhooks after a global express.json()', () => {
  it('refuses with 400 PAYLOAD_NOT_RAW and a hint to mount it first, applying nothing', async () => {
    const hooks = createTestHooks()
    const application = express()
    application.use(express.json())
    application.use('/webhooks', expressWebhooks(hooks))
    const url = await start(application)
    const { body, headers, reference } = prettyUnicodeDatamart()
    const response = await fetch(`${url}/webhooks/datamart`, { method: 'POST', body, headers })
    expect(response.status).toBe(400)
    const { error } = (await response.json()) as { error: { code: string; hint: string } }
    expect(error.code).toBe('PAYLOAD_NOT_RAW')
    expect(error.hint).toContain('BEFORE app.use(express.json())')
    expect(await hooks.record('datamart', reference)).toBeNull()
    expect((await hooks.deliveries())[0]).toMatchObject({ provider: 'datamart', outcome: 'rejected', errorCode: 'PAYLOAD_NOT_RAW' })
  })

  it('uses req.rawBody when express.json({ verify }) kept the raw bytes', async () => {
    const hooks = createTestHooks()
    const application = express()
    application.use(express.json({ verify: (req, _res, buf) => void ((req as IncomingMessage & { rawBody?: Buffer }).rawBody = buf) }))
    application.use('/webhooks', expressWebhooks(hooks))
    const url = await start(application)
    const { body, headers, reference } = prettyUnicodeDatamart()
    const response = await fetch(`${url}/webhooks/datamart`, { method: 'POST', body, headers })
    expect(response.status).toBe(200)
    expect((await hooks.record('datamart', reference))?.status).toBe('completed')
  })

  it('uses req.body when a global express.raw() left it a Buffer', async () => {
    const hooks = createTestHooks()
    const application = express()
    application.use(express.raw({ type: '*/*' }))
    application.use('/webhooks', expressWebhooks(hooks))
    const url = await start(application)
    const { body, headers, reference } = prettyUnicodeDatamart()
    expect((await fetch(`${url}/webhooks/datamart`, { method: 'POST', body, headers })).status).toBe(200)
    expect((await hooks.record('datamart', reference))?.status).toBe('completed')
  })

  it('still reads the stream itself when the global parser skipped the request (not JSON)', async () => {
    const hooks = createTestHooks()
    const application = express()
    application.use(express.json())
    application.use('/webhooks', expressWebhooks(hooks))
    const url = await start(application)
    const { body, headers, reference } = prettyUnicodeDatamart()
    const response = await fetch(`${url}/webhooks/datamart`, { method: 'POST', body, headers: { ...headers, 'content-type': 'text/plain' } })
    expect(response.status).toBe(200)
    expect((await hooks.record('datamart', reference))?.status).toBe('completed')
  })
})
