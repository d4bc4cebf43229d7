import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { fakeStatusApis } from '../../../src/providers/fake-status-apis.js'
import { createMidtransFakeStatusApi, type MidtransFakeTransaction } from '../../../src/providers/midtrans/fake-status-api.js'
import { midtransSamples } from '../../../src/providers/midtrans/samples.js'

const serverKey = 'SB-Mid-server-FakeApiKey42'
const auth = `Basic ${Buffer.from(`${serverKey}:`).toString('base64')}`
const sha512 = (text: string) => createHash('sha512').update(text).digest('hex')

function get(fake: ReturnType<typeof createMidtransFakeStatusApi>, id: string, authorization = auth, method = 'GET') {
  return fake.fetch(`https://api.sandbox.midtrans.com/v2/${encodeURIComponent(id)}/status`, { method, headers: { authorization } })
}

describe('midtrans fake status API', () => {
  it('is the registry entry for midtrans', () => {
    expect(fakeStatusApis.midtrans).toBe(createMidtransFakeStatusApi)
  })

  it('answers a set transaction by order_id and by transaction_id, signed with its Server Key', async () => {
    const fake = createMidtransFakeStatusApi({ serverKey })
    fake.setTransaction(midtransSamples.completed() as MidtransFakeTransaction)
    for (const id of ['ORDER-2026-0301-17', '5b3d8e1a-7c42-4f6e-9a0b-2d6c1e8f4a37']) {
      const response = await get(fake, id)
      expect(response.status).toBe(200)
      const body = (await response.json()) as Record<string, string>
      expect(body).toMatchObject({ order_id: 'ORDER-2026-0301-17', status_code: '200', transaction_status: 'settlement', status_message: 'Success, transaction is found' })
      expect(body.signature_key).toBe(sha512(`ORDER-2026-0301-17200${'10000.00'}${serverKey}`))
    }
    expect(fake.requests.map((r) => r.key)).toEqual(['ORDER-2026-0301-17', 'ORDER-2026-0301-17'])
  })

  it('answers an expired transaction with status_code 407, signed over 407', async () => {
    const fake = createMidtransFakeStatusApi({ serverKey })
    fake.setTransaction(midtransSamples.expired() as MidtransFakeTransaction)
    const body = (await (await get(fake, 'ORDER-2026-0301-17')).json()) as Record<string, string>
    expect(body).toMatchObject({ status_code: '407', transaction_status: 'expire' })
    expect(body.signature_key).toBe(sha512(`ORDER-2026-0301-17407${'10000.00'}${serverKey}`))
  })

  it('answers an unknown or deleted order with the 404 body under HTTP 200', async () => {
    const fake = createMidtransFakeStatusApi({ serverKey })
    fake.setTransaction(midtransSamples.pending() as MidtransFakeTransaction)
    fake.deleteTransaction('ORDER-2026-0301-17')
    for (const id of ['ORDER-2026-0301-17', '5b3d8e1a-7c42-4f6e-9a0b-2d6c1e8f4a37', 'NOPE']) {
      const response = await get(fake, id)
      expect(response.status).toBe(200)
      expect(await response.json()).toEqual({ status_code: '404', status_message: "Transaction doesn't exist." })
    }
  })

  it('refuses a wrong or missing key with the documented 401 body', async () => {
    const fake = createMidtransFakeStatusApi({ serverKey })
    for (const authorization of [`Basic ${Buffer.from('SB-Mid-server-other:').toString('base64')}`, `Basic ${Buffer.from(serverKey).toString('base64')}`, '', 'Bearer x']) {
      const response = await get(fake, 'ORDER-2026-0301-17', authorization)
      expect(response.status).toBe(401)
      expect(await response.json()).toEqual({
        status_code: '401',
        status_message: 'Access denied due to unauthorized transaction, please check client or server key',
      })
    }
  })

  it('answers other paths with the documented 404 and other methods with 405', async () => {
    const fake = createMidtransFakeStatusApi({ serverKey })
    const other = await fake.fetch('https://api.sandbox.midtrans.com/v1/ORDER/status', { headers: { authorization: auth } })
    expect([other.status, await other.json()]).toEqual([404, { status_code: '404', status_message: 'The requested resource is not found' }])
    expect((await get(fake, 'ORDER', auth, 'POST')).status).toBe(405)
  })

  it('injects the faults: 429 with Retry-After, 500 then 503, and a non-JSON page', async () => {
    const fake = createMidtransFakeStatusApi({ serverKey })
    fake.failNext('rate-limited')
    fake.failNext('server-error', 2)
    fake.failNext('malformed')
    const limited = await get(fake, 'O')
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '0'])
    expect((await get(fake, 'O')).status).toBe(500)
    expect((await get(fake, 'O')).status).toBe(503)
    const malformed = await get(fake, 'O')
    await expect(malformed.clone().json()).rejects.toThrow()
    expect(malformed.headers.get('content-type')).toContain('text/html')
  })
})
