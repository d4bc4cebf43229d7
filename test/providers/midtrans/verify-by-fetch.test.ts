import { inspect } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebhookError } from '../../../src/core/webhook-error.js'
import { createPayhooks } from '../../../src/create-payhooks.js'
import { createMidtransFakeStatusApi, type MidtransFakeTransaction } from '../../../src/providers/midtrans/fake-status-api.js'
import { midtrans } from '../../../src/providers/midtrans/index.js'
import { midtransSamples } from '../../../src/providers/midtrans/samples.js'
import { midtransTestKit } from '../../../src/providers/midtrans/test-kit.js'
import { memoryStore } from '../../../src/stores/memory-store.js'
import { serveFetchHandler, type ServedHandler } from '../../../src/testing/serve-fetch-handler.js'
import { toRequest, type SamplePayload } from '../../../src/testing/types.js'

const serverKey = 'SB-Mid-server-Vb7Fetch2Check9'
const fake = createMidtransFakeStatusApi({ serverKey })
let served: ServedHandler

beforeAll(async () => {
  served = await serveFetchHandler((request) => fake.fetch(request))
})
afterAll(async () => {
  await served.close()
})

const byFetch = (timeoutMs = 2000) => midtrans({ serverKey, verification: 'signature+status', statusApi: { baseUrl: served.url, timeoutMs } })
const signed = async (payload: SamplePayload) => toRequest(await midtransTestKit.sign(payload, { secret: serverKey }))
const truth = (payload: SamplePayload) => fake.setTransaction(payload as MidtransFakeTransaction)

function creationError(options: Parameters<typeof midtrans>[0]): unknown {
  try {
    midtrans(options)
  } catch (error) {
    return error
  }
  return undefined
}

describe("midtrans verification: 'signature+status'", () => {
  it('needs statusApi: a WebhookError at creation naming the option, not a TypeError', () => {
    const error = creationError({ serverKey, verification: 'signature+status' })
    expect(error).toBeInstanceOf(WebhookError)
    expect(error).toMatchObject({ code: 'SECRET_INVALID', provider: 'midtrans' })
    expect((error as WebhookError).message).toContain('statusApi')
    expect((error as WebhookError).hint).toContain('statusApi')
  })

  it("refuses a verification it does not know, and defaults to 'signature'", () => {
    expect(creationError({ serverKey, verification: 'status' as never })).toMatchObject({ code: 'SECRET_INVALID' })
    expect(creationError({ serverKey, statusApi: {} })).toBeUndefined()
  })

  it('still checks the signature first: a bad one is refused without asking Midtrans', async () => {
    const before = fake.requests.length
    const req = toRequest(await midtransTestKit.sign(midtransSamples.pending(), { secret: 'SB-Mid-server-NotTheKey' }))
    const verdict = await byFetch().verifySignature(req)
    expect(verdict.ok ? undefined : verdict.error.code).toBe('SIGNATURE_MISMATCH')
    const forged = JSON.stringify({ ...JSON.parse((await signed(midtransSamples.pending())).body as string), transaction_status: 'settlement' })
    expect((await byFetch().verifySignature({ body: forged, headers: {} })).ok).toBe(false)
    expect(fake.requests.length).toBe(before)
  })

  it('takes the status from GET status, not from the notification, with the webhook’s event id', async () => {
    truth(midtransSamples.completed())
    const event = await byFetch().parse(await signed(midtransSamples.pending()))
    expect(event).toMatchObject({ kind: 'payment', status: 'completed', providerStatus: 'settlement/accept' })
    expect(fake.requests.at(-1)?.path).toBe('/v2/ORDER-2026-0301-17/status')
    const webhook = await midtrans({ serverKey }).parse(await signed(midtransSamples.completed()))
    expect(event.id).toBe(webhook.id)
  })

  it('corrects what the binding cannot see: a genuine settlement (200) relabelled refund (200) gives the settlement', async () => {
    truth(midtransSamples.completed())
    const genuine = JSON.parse((await signed(midtransSamples.completed())).body as string) as SamplePayload
    const relabelled = { body: JSON.stringify({ ...genuine, transaction_status: 'refund' }), headers: {} }
    const adapter = byFetch()
    expect((await adapter.verifySignature(relabelled)).ok).toBe(true)
    expect(await adapter.parse(relabelled)).toMatchObject({ status: 'completed', providerStatus: 'settlement/accept' })
  })

  it('asks by transaction_id when the order_id cannot be a URL path segment (".")', async () => {
    truth(midtransSamples.completed({ order_id: '.' }))
    const event = await byFetch().parse(await signed(midtransSamples.pending({ order_id: '.' })))
    expect(event).toMatchObject({ status: 'completed', reference: '.' })
    expect(fake.requests.at(-1)?.path).toBe('/v2/5b3d8e1a-7c42-4f6e-9a0b-2d6c1e8f4a37/status')
  })

  it('a Dashboard test notification (no such transaction: 404 under HTTP 200) is acknowledged as unknown', async () => {
    const payload = midtransSamples.capture({ order_id: 'sample-order-123', transaction_id: '00000000-0000-0000-0000-000000000000' })
    const event = await byFetch().parse(await signed(payload))
    expect(event).toMatchObject({ kind: 'unknown', type: 'unknown', reference: 'sample-order-123' })
    const hooks = createPayhooks({ providers: [byFetch()], store: memoryStore() })
    const response = await hooks.handle('midtrans', await signed(payload))
    expect(response.status).toBe(200)
    expect((await hooks.deliveries())[0]).toMatchObject({ outcome: 'unknown', verified: true })
    expect(await hooks.record('midtrans', 'sample-order-123')).toBeNull()
    await hooks.close()
  })

  it.each([
    ['a 5xx', 'server-error', 2000],
    ['a 429', 'rate-limited', 2000],
    ['a non-JSON page', 'malformed', 2000],
    ['no answer in time', 'hang', 50],
  ] as const)('%s from GET status → 503 PROVIDER_UNAVAILABLE, so Midtrans retries; nothing applied', async (_name, fault, timeoutMs) => {
    truth(midtransSamples.completed())
    const req = await signed(midtransSamples.completed())
    fake.failNext(fault)
    const error = await byFetch(timeoutMs).parse(req).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(WebhookError)
    expect(error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', status: 503, provider: 'midtrans' })
    expect((error as WebhookError).hint).toMatch(/signature\+status/)
    expect((error as WebhookError).hint).toMatch(/STATUS_API_/)
    const shown = `${inspect(error, { depth: 8 })} ${JSON.stringify((error as WebhookError).toJSON())}`
    for (const secret of [serverKey, Buffer.from(`${serverKey}:`).toString('base64')]) expect(shown).not.toContain(secret)
    const hooks = createPayhooks({ providers: [byFetch(timeoutMs)], store: memoryStore() })
    fake.failNext(fault)
    const response = await hooks.handle('midtrans', req)
    expect(response.status).toBe(503)
    expect(JSON.parse(response.body)).toMatchObject({ error: { code: 'PROVIDER_UNAVAILABLE' } })
    expect(await hooks.record('midtrans', 'ORDER-2026-0301-17')).toBeNull()
    await hooks.close()
  })
})
