import { afterEach, describe, expect, it } from 'vitest'
import { httpNotifier, type HttpNotifierBody } from '../../src/notifiers/index.js'
import { notifyContext } from './notify-context.js'
import { sampleSuspicious, sampleTransition } from './sample-transition.js'
import { verifyStandardWebhook } from './verify-standard-webhook.js'
import { waitFor } from './wait-for.js'
import { startReceiver, type Answer } from './webhook-receiver.js'

const secret = `whsec_${Buffer.from('payhooks-http-notifier-test-key-32b').toString('base64')}`
const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

async function receiver(answer?: Answer) {
  const started = await startReceiver(answer)
  cleanups.push(started.close)
  return started
}

describe('httpNotifier: Standard Webhooks delivery', () => {
  it('POSTs the envelope as JSON with a signature the receiver verifies on its own', async () => {
    const target = await receiver()
    const transition = sampleTransition()
    await httpNotifier({ url: target.url, secret }).notify(transition, notifyContext())

    expect(target.received).toHaveLength(1)
    const [request] = target.received
    if (request === undefined) throw new Error('no request')
    expect(request.method).toBe('POST')
    expect(request.url).toBe('/hooks/payhooks?token=receiver-path-token')
    expect(request.headers['content-type']).toBe('application/json')
    expect(request.headers['webhook-id']).toBe(transition.id)
    expect(request.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/)
    const sentAt = Number(request.headers['webhook-timestamp'])
    expect(Number.isInteger(sentAt)).toBe(true)
    expect(Math.abs(sentAt - Date.now() / 1000)).toBeLessThan(60)
    expect(verifyStandardWebhook(request, secret)).toBe(true)

    const body: HttpNotifierBody = JSON.parse(request.body)
    expect(body).toEqual({ type: 'transition.applied', timestamp: transition.event.occurredAt, data: transition })
  })

  it("sends a suspicious event under its own type, 'transition.suspicious', with the reason and the unchanged record", async () => {
    const target = await receiver()
    const underpaid = sampleSuspicious()
    await httpNotifier({ url: target.url, secret }).notify(underpaid, notifyContext())
    const [request] = target.received
    if (request === undefined) throw new Error('no request')
    expect(verifyStandardWebhook(request, secret)).toBe(true)
    expect(request.headers['webhook-id']).toBe(underpaid.id)
    const body: HttpNotifierBody = JSON.parse(request.body)
    expect(body.type).toBe('transition.suspicious')
    expect(body.data).toMatchObject({ type: 'suspicious', reason: underpaid.reason, record: { status: 'pending' } })
  })

  it('is not verified with another secret, or once the body is changed', async () => {
    const target = await receiver()
    await httpNotifier({ url: target.url, secret }).notify(sampleTransition(), notifyContext())
    const [request] = target.received
    if (request === undefined) throw new Error('no request')
    expect(verifyStandardWebhook(request, `whsec_${Buffer.from('another key').toString('base64')}`)).toBe(false)
    expect(verifyStandardWebhook({ ...request, body: request.body.replace('GN-AB12CD34', 'GN-AB12CD35') }, secret)).toBe(false)
  })

  it('accepts the secret without the whsec_ prefix', async () => {
    const target = await receiver()
    await httpNotifier({ url: target.url, secret: secret.slice('whsec_'.length) }).notify(sampleTransition(), notifyContext())
    const [request] = target.received
    expect(request !== undefined && verifyStandardWebhook(request, secret)).toBe(true)
  })

  it('sends the same webhook-id for the same transition every time: the idempotency key', async () => {
    const target = await receiver()
    const notifier = httpNotifier({ url: target.url, secret })
    const transition = sampleTransition()
    await notifier.notify(transition, notifyContext())
    await notifier.notify(transition, notifyContext())
    expect(target.received.map((r) => r.headers['webhook-id'])).toEqual([transition.id, transition.id])
    expect(target.received.every((r) => verifyStandardWebhook(r, secret))).toBe(true)
  })

  it('uses the send time as the envelope timestamp when the provider gave none', async () => {
    const target = await receiver()
    const transition = sampleTransition()
    delete transition.event.occurredAt
    await httpNotifier({ url: target.url, secret }).notify(transition, notifyContext())
    const body: HttpNotifierBody = JSON.parse(target.received[0]?.body ?? '')
    expect(Math.abs(Date.parse(body.timestamp) - Date.now())).toBeLessThan(60_000)
  })

  it('adds extra headers but never lets them replace the signature headers', async () => {
    const target = await receiver()
    const transition = sampleTransition()
    const headers = { 'x-tenant': 'shop-42', 'webhook-id': 'forged', 'Content-Type': 'text/plain' }
    await httpNotifier({ url: target.url, secret, headers }).notify(transition, notifyContext())
    const [request] = target.received
    expect(request?.headers['x-tenant']).toBe('shop-42')
    expect(request?.headers['webhook-id']).toBe(transition.id)
    expect(request?.headers['content-type']).toBe('application/json')
  })

  it('sends through an injected fetch', async () => {
    const target = await receiver()
    const calls: string[] = []
    const notifier = httpNotifier({
      url: target.url,
      secret,
      fetch: (input, init) => {
        calls.push(input)
        return fetch(input, init)
      },
    })
    await notifier.notify(sampleTransition(), notifyContext())
    expect(calls).toEqual([target.url])
    expect(target.received).toHaveLength(1)
  })
})

describe('httpNotifier: failures reject so the engine retries', () => {
  it('rejects on a non-2xx answer, naming the status but not the path or its token', async () => {
    const target = await receiver(() => 500)
    const error = await httpNotifier({ url: target.url, secret, name: 'erp' }).notify(sampleTransition(), notifyContext()).catch((e: Error) => e)
    expect(error).toBeInstanceOf(Error)
    expect((error as Error).message).toMatch(/httpNotifier erp: POST http:\/\/127\.0\.0\.1:\d+ answered 500/)
    expect((error as Error).message).not.toContain('receiver-path-token')
  })

  it('rejects on a redirect instead of following it', async () => {
    const target = await receiver(() => 307)
    await expect(httpNotifier({ url: target.url, secret }).notify(sampleTransition(), notifyContext())).rejects.toThrow(/answered 307/)
    expect(target.received).toHaveLength(1)
  })

  it('rejects after timeoutMs when the receiver never answers', async () => {
    const target = await receiver(() => 'hang')
    await expect(httpNotifier({ url: target.url, secret, timeoutMs: 200 }).notify(sampleTransition(), notifyContext())).rejects.toThrow(
      /timed out after 200 ms/,
    )
    expect(target.received).toHaveLength(1)
  })

  it("aborts the request when the engine's signal aborts, long before its own timeout", async () => {
    const target = await receiver(() => 'hang')
    const controller = new AbortController()
    const sending = httpNotifier({ url: target.url, secret, name: 'erp', timeoutMs: 60_000 }).notify(sampleTransition(), notifyContext(controller))
    await waitFor(() => target.received.length === 1, 'the request to arrive')
    controller.abort(new Error('notifier erp did not settle within 300 ms'))
    const error = (await sending.catch((e: Error) => e)) as Error
    expect(error.message).toMatch(/^httpNotifier erp: POST http:\/\/127\.0\.0\.1:\d+ aborted by the engine: notifier erp did not settle within 300 ms$/)
    expect(error.message).not.toContain('receiver-path-token')
    // The connection was really cut, not merely given up on.
    await waitFor(() => target.abandoned === 1, 'the receiver to see the connection close')
  })

  it('does not send at all when the engine has already aborted', async () => {
    const target = await receiver()
    const controller = new AbortController()
    controller.abort(new Error('the engine closed'))
    await expect(httpNotifier({ url: target.url, secret }).notify(sampleTransition(), notifyContext(controller))).rejects.toThrow(
      /aborted by the engine: the engine closed/,
    )
    expect(target.received).toEqual([])
  })

  it('rejects on a network error', async () => {
    const target = await receiver()
    await target.close()
    await expect(httpNotifier({ url: target.url, secret }).notify(sampleTransition(), notifyContext())).rejects.toThrow(/httpNotifier http: POST .* failed/)
  })
})

function thrown(fn: () => unknown): Error {
  try {
    fn()
  } catch (error) {
    return error as Error
  }
  throw new Error('expected a throw')
}

describe('httpNotifier: options are checked at creation', () => {
  const url = 'https://erp.example/hooks'

  it('refuses a secret that is not base64, without echoing it', () => {
    const bad = 'whsec_TOP-SECRET-value!!'
    const error = thrown(() => httpNotifier({ url, secret: bad }))
    expect(error.message).toMatch(/not valid base64/)
    expect(error.message).not.toContain('TOP-SECRET-value')
  })

  it('refuses a secret that decodes to no bytes, and a missing one', () => {
    expect(() => httpNotifier({ url, secret: 'whsec_' })).toThrow(/decodes to no bytes/)
    expect(() => httpNotifier({ url, secret: undefined as unknown as string })).toThrow(/secret is missing/)
  })

  it('refuses a url that is not absolute http(s)', () => {
    expect(() => httpNotifier({ url: '/relative', secret })).toThrow(/absolute http\(s\) URL/)
    expect(() => httpNotifier({ url: 'ftp://erp.example/hooks', secret })).toThrow(/absolute http\(s\) URL/)
  })

  it("is named 'http' unless told otherwise", () => {
    expect(httpNotifier({ url, secret }).name).toBe('http')
    expect(httpNotifier({ url, secret, name: 'erp' }).name).toBe('erp')
  })
})
