import Fastify, { type FastifyInstance } from 'fastify'
import { afterEach, describe, expect, it } from 'vitest'
import { fastifyWebhooks } from 'payhooks/fastify'
import { createTestHooks, MAX_BODY_BYTES, postEndlessChunked, prettyUnicodeDatamart, refractCheckout, secrets } from './http-fixtures.js'

let app: FastifyInstance | undefined
afterEach(async () => {
  await app?.close()
  app = undefined
})

/** An app with its own JSON route next to the webhooks, the usual shape of a real service. */
async function start() {
  const hooks = createTestHooks()
  app = Fastify()
  app.post('/api/echo', async (request) => ({ parsed: request.body, type: typeof request.body }))
  await app.register(fastifyWebhooks, { hooks, prefix: '/webhooks' })
  const url = await app.listen({ port: 0, host: '127.0.0.1' })
  return { hooks, url }
}

describe('fastifyWebhooks', () => {
  it('hands the raw Buffer through: a pretty non-ASCII Datamart signature verifies, logged unchanged', async () => {
    const { hooks, url } = await start()
    const { body, headers, reference } = prettyUnicodeDatamart()
    const response = await fetch(`${url}/webhooks/datamart`, { method: 'POST', body, headers })
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ received: true })
    expect((await hooks.record('datamart', reference))?.status).toBe('completed')
    expect((await hooks.deliveries({ limit: 1 }))[0]?.body).toBe(body)
  })

  it('keeps its buffer parser encapsulated: the app’s other routes still get parsed JSON', async () => {
    const { url } = await start()
    const response = await fetch(`${url}/api/echo`, { method: 'POST', body: '{"a":{"b":1}}', headers: { 'content-type': 'application/json' } })
    expect(await response.json()).toEqual({ parsed: { a: { b: 1 } }, type: 'object' })
  })

  it('accepts any content type, or none, as raw bytes', async () => {
    const { hooks, url } = await start()
    const { body, headers, reference } = prettyUnicodeDatamart()
    const { 'content-type': _dropped, ...withoutType } = headers
    const response = await fetch(`${url}/webhooks/datamart`, { method: 'POST', body: new TextEncoder().encode(body), headers: withoutType })
    expect(response.status).toBe(200)
    expect((await hooks.record('datamart', reference))?.status).toBe('completed')
  })

  it('routes /:provider/* with a token segment: Refract answers 204, a wrong token 401', async () => {
    const { hooks, url } = await start()
    const ok = await fetch(`${url}/webhooks/refract/${secrets.refract}`, { method: 'POST', body: refractCheckout('#FY-1'), headers: { 'content-type': 'application/json' } })
    expect(ok.status).toBe(204)
    expect(await ok.text()).toBe('')
    expect((await hooks.record('refract', 'FY-1'))?.status).toBe('completed')
    const forged = await fetch(`${url}/webhooks/refract/wrong`, { method: 'POST', body: refractCheckout('#FY-2'), headers: { 'content-type': 'application/json' } })
    expect(forged.status).toBe(401)
    expect(await forged.json()).toMatchObject({ error: { code: 'SIGNATURE_MISMATCH' } })
  })

  it('answers 405 for GET and 404 PROVIDER_UNKNOWN for an unknown provider', async () => {
    const { url } = await start()
    const get = await fetch(`${url}/webhooks/datamart`)
    expect(get.status).toBe(405)
    expect(await get.json()).toMatchObject({ error: { code: 'METHOD_NOT_ALLOWED' } })
    const unknown = await fetch(`${url}/webhooks/flutterwave`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } })
    expect(unknown.status).toBe(404)
    expect(await unknown.json()).toMatchObject({ error: { code: 'PROVIDER_UNKNOWN' } })
  })

  it('answers 413 in payhooks’ error shape, by content-length and for an endless chunked upload', async () => {
    const { hooks, url } = await start()
    const declared = await fetch(`${url}/webhooks/datamart`, { method: 'POST', body: 'x'.repeat(MAX_BODY_BYTES + 1), headers: { 'content-type': 'application/json' } })
    expect(declared.status).toBe(413)
    expect(await declared.json()).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } })
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
