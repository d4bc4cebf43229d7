import { describe, expect, it } from 'vitest'
import { createTestHooks, MAX_BODY_BYTES, prettyUnicodeDatamart, refractCheckout, secrets } from './http-fixtures.js'

const base = 'https://shop.example'

function post(path: string, body: BodyInit | null, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  return new Request(`${base}${path}`, { method: 'POST', body, headers })
}

describe('hooks.fetch (web Request → Response)', () => {
  it('verifies a pretty-printed, non-ASCII Datamart body byte for byte and logs it unchanged', async () => {
    const hooks = createTestHooks()
    const { body, headers, reference } = prettyUnicodeDatamart()
    const response = await hooks.fetch(post('/webhooks/datamart', body, headers))
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ received: true })
    expect((await hooks.record('datamart', reference))?.status).toBe('completed')
    expect((await hooks.deliveries({ limit: 1 }))[0]?.body).toBe(body)
  })

  it('resolves the provider before a token segment and answers Refract with an empty 204', async () => {
    const hooks = createTestHooks()
    const response = await hooks.fetch(post(`/api/webhooks/refract/${secrets.refract}`, refractCheckout()))
    expect(response.status).toBe(204)
    expect(await response.text()).toBe('')
    expect((await hooks.record('refract', 'BBY01-1'))?.status).toBe('completed')
  })

  it('passes the query string through, so an AzamPay ?token= verifies and a wrong one is refused', async () => {
    const hooks = createTestHooks()
    const payload = JSON.stringify({ msisdn: '255700000001', amount: '1000', message: 'ok', utilityref: 'AZ-1', operator: 'Airtel', reference: 'T1', transactionstatus: 'success', submerchantAcc: null })
    expect((await hooks.fetch(post(`/webhooks/azampay?token=${secrets.azampay}`, payload))).status).toBe(200)
    const forged = await hooks.fetch(post('/webhooks/azampay?token=guess', payload))
    expect(forged.status).toBe(401)
    expect(((await forged.json()) as { error: { code: string } }).error.code).toBe('SIGNATURE_MISMATCH')
  })

  it('answers 404 PROVIDER_UNKNOWN for a path naming no registered provider, without echoing the path', async () => {
    const hooks = createTestHooks()
    const response = await hooks.fetch(post('/webhooks/typo/tok_3f9a1c77', '{}'))
    expect(response.status).toBe(404)
    const body = (await response.json()) as { error: { code: string; hint: string; message: string } }
    expect(body.error.code).toBe('PROVIDER_UNKNOWN')
    expect(body.error.hint).toContain('datamart')
    // The last segment may be a token of a mistyped URL: it must not come back, nor reach the log.
    expect(JSON.stringify(body)).not.toContain('tok_3f9a1c77')
    const [logged] = await hooks.deliveries({ limit: 1 })
    expect(logged).toMatchObject({ provider: '(unknown)', outcome: 'rejected', errorCode: 'PROVIDER_UNKNOWN', url: '/webhooks/typo/[redacted]' })
  })

  it('answers 405 with Allow: POST for a GET', async () => {
    const response = await createTestHooks().fetch(new Request(`${base}/webhooks/datamart`))
    expect(response.status).toBe(405)
    expect(response.headers.get('allow')).toBe('POST')
    expect(await response.json()).toMatchObject({ error: { code: 'METHOD_NOT_ALLOWED' } })
  })

  it('answers 413 from content-length alone, without reading the body', async () => {
    let pulled = false
    // highWaterMark 0: nothing is pulled until someone reads.
    const body = new ReadableStream<Uint8Array>({ pull: () => void (pulled = true) }, { highWaterMark: 0 })
    const request = new Request(`${base}/webhooks/datamart`, {
      method: 'POST', body, headers: { 'content-length': String(MAX_BODY_BYTES + 1) }, duplex: 'half',
    } as RequestInit)
    const response = await createTestHooks().fetch(request)
    expect(response.status).toBe(413)
    expect(await response.json()).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } })
    expect(pulled).toBe(false)
  })

  it('answers 413 for an endless stream without content-length, cancelling it after the limit', async () => {
    let produced = 0
    let cancelled = false
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        produced += 1024
        controller.enqueue(new Uint8Array(1024).fill(0x61))
      },
      cancel: () => void (cancelled = true),
    })
    const request = new Request(`${base}/webhooks/datamart`, { method: 'POST', body, duplex: 'half' } as RequestInit)
    const hooks = createTestHooks()
    const response = await hooks.fetch(request)
    expect(response.status).toBe(413)
    expect(cancelled).toBe(true)
    expect(produced).toBeLessThanOrEqual(MAX_BODY_BYTES + 4 * 1024)
    expect(await hooks.records()).toEqual([])
  })
})
