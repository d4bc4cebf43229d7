import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ProviderName } from 'payhooks'
import { samples, signWebhook, type SamplePayload, type SignedWebhook } from 'payhooks/testing'
import type { RunningExample } from '../../examples/shared/create-example-hooks.js'
import { exampleServers, harnessSecrets, startExample } from './fixtures/example-servers.js'

// One harness for the three example servers: each is booted on a free port with a fresh SQLite file and
// driven over real HTTP the way the providers would drive it.

const secrets = harnessSecrets

const PROVIDERS = Object.keys(secrets) as ProviderName[]

/** A provider's documented `completed` sample, with overrides. */
function completedSample(provider: ProviderName, overrides?: SamplePayload): SamplePayload {
  return samples[provider].completed(overrides)
}

describe.each(Object.keys(exampleServers))('the %s example', (name) => {
  let running: RunningExample
  let dir: string

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), `payhooks-${name}-`))
    running = await startExample(name, join(dir, 'payhooks.sqlite'))
  })

  afterAll(async () => {
    await running?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  async function post(signed: SignedWebhook): Promise<Response> {
    const response = await fetch(`${running.url}${signed.url}`, { method: 'POST', body: signed.body, headers: signed.headers })
    // Notifications go out after the commit; wait for them so the assertions below see them.
    await running.hooks.idle()
    return response
  }

  const send = async (provider: ProviderName, payload: SamplePayload, secret: string = secrets[provider]) =>
    post(await signWebhook(provider, payload, { secret }))

  it('acknowledges each provider the way it expects and completes its record', async () => {
    const acks: Record<string, { status: number; body: string }> = {}
    for (const provider of PROVIDERS) {
      const response = await send(provider, completedSample(provider))
      acks[provider] = { status: response.status, body: await response.text() }
    }
    expect(acks.refract).toEqual({ status: 204, body: '' })
    expect(acks.datamart).toEqual({ status: 200, body: '{"received":true}' })
    for (const provider of ['midtrans', 'azampay', 'clickpesa'] as const) expect(acks[provider]?.status).toBe(200)

    const records = await running.hooks.records()
    expect(records.map((r) => [r.provider, r.status]).sort()).toEqual(PROVIDERS.map((p) => [p, 'completed']).sort())
    expect(running.notifications).toHaveLength(PROVIDERS.length)
    for (const record of records) {
      expect(running.notifications.filter((line) => line.includes(`${record.reference}: new → completed`))).toHaveLength(1)
    }
  })

  it('refuses a forged request with 401, applies nothing and logs the delivery as rejected', async () => {
    const before = running.notifications.length
    const response = await send('midtrans', completedSample('midtrans', { order_id: `FORGED-${name}` }), 'not-the-server-key')
    expect(response.status).toBe(401)
    expect(await response.json()).toMatchObject({ error: { code: 'SIGNATURE_MISMATCH' } })
    expect(await running.hooks.record('midtrans', `FORGED-${name}`)).toBeNull()
    expect(running.notifications).toHaveLength(before)
    const [latest] = await running.hooks.deliveries({ limit: 1 })
    expect(latest).toMatchObject({ provider: 'midtrans', outcome: 'rejected', verified: false, errorCode: 'SIGNATURE_MISMATCH' })
  })

  it('acknowledges a redelivery with 200 but sends one SMS', async () => {
    const reference = `DUP-${name}`
    const signed = await signWebhook('azampay', completedSample('azampay', { utilityref: reference }), { secret: secrets.azampay })
    expect((await post(signed)).status).toBe(200)
    expect((await post(signed)).status).toBe(200)
    expect(running.notifications.filter((line) => line.includes(reference))).toHaveLength(1)
    const outcomes = (await running.hooks.deliveries({ reference })).map((d) => d.outcome)
    expect(outcomes).toEqual(['duplicate', 'applied'])
  })

  it('streams the transition to the admin feed at GET /events', async () => {
    const reference = `SSE-${name}`
    const abort = new AbortController()
    const feed = await fetch(`${running.url}/events`, { signal: abort.signal })
    expect(feed.headers.get('content-type')).toContain('text/event-stream')
    const reader = (feed.body as ReadableStream<Uint8Array>).getReader()
    const decoder = new TextDecoder()
    let text = ''
    const readUntil = async (needle: string) => {
      while (!text.includes(needle)) {
        const { done, value } = await reader.read()
        if (done) throw new Error(`the feed ended before ${JSON.stringify(needle)}`)
        text += decoder.decode(value, { stream: true })
      }
    }
    try {
      await readUntil(': connected')
      await send('midtrans', completedSample('midtrans', { order_id: reference }))
      await readUntil(reference)
      const frame = text.slice(text.indexOf('event: transition'))
      const data = JSON.parse(/^data: (.*)$/m.exec(frame)?.[1] ?? 'null') as { to: string; from: string | null; record: { reference: string } }
      expect(data).toMatchObject({ from: null, to: 'completed', record: { reference } })
    } finally {
      abort.abort()
      await reader.cancel().catch(() => {})
    }
  })
})
