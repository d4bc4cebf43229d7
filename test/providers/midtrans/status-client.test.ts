import { inspect } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isStatusApiError, type StatusApiError, type StatusClient } from '../../../src/core/status-api.js'
import { createMidtransStatusClient, midtrans, MIDTRANS_PRODUCTION_API, MIDTRANS_SANDBOX_API } from '../../../src/providers/midtrans/index.js'
import { createMidtransFakeStatusApi, type MidtransFakeTransaction } from '../../../src/providers/midtrans/fake-status-api.js'
import { midtransSamples } from '../../../src/providers/midtrans/samples.js'
import { midtransTestKit } from '../../../src/providers/midtrans/test-kit.js'
import { serveFetchHandler, type ServedHandler } from '../../../src/testing/serve-fetch-handler.js'
import { toRequest } from '../../../src/core/test-kit.js'
import { officialErrors, officialStatusAnswer } from './official-samples.js'

const serverKey = 'SB-Mid-server-St4Tu5Cl1eNt9Key'
const productionKey = 'Mid-server-Pr0dUct10nK3y7788'
const fake = createMidtransFakeStatusApi({ serverKey })
let served: ServedHandler

beforeAll(async () => {
  served = await serveFetchHandler((request) => fake.fetch(request))
})
afterAll(async () => {
  await served.close()
})

function clientOf(key: string | readonly string[], statusApi: Parameters<typeof midtrans>[0]['statusApi']): StatusClient {
  const support = midtrans({ serverKey: key, statusApi }).statusApi
  if (!support.supported) throw new Error(support.reason)
  return support.client
}

const served127 = (timeoutMs = 2000, key: string | readonly string[] = serverKey) => clientOf(key, { baseUrl: served.url, timeoutMs })

async function failure(promise: Promise<unknown>): Promise<StatusApiError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  )
  if (!isStatusApiError(error)) throw new Error(`expected a StatusApiError, got ${String(error)}`)
  return error
}

/** Answers one fixed body, for bodies the fake does not produce (errors under HTTP 200). */
function answering(status: number, body: unknown, headers: Record<string, string> = {}): typeof fetch {
  return async () => new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } })
}

const transaction = (payload: Record<string, unknown>) => payload as MidtransFakeTransaction

describe('midtrans status client: GET /v2/{order_id}/status on a real HTTP server', () => {
  it('answers a found transaction with the event its notification gives, same id', async () => {
    fake.setTransaction(transaction(midtransSamples.completed()))
    const answer = await served127().fetchStatus({ reference: 'ORDER-2026-0301-17', providerStatus: null })
    expect(answer.found).toBe(true)
    if (!answer.found) return
    expect(answer.events).toHaveLength(1)
    const [event] = answer.events
    expect(event).toMatchObject({ provider: 'midtrans', kind: 'payment', status: 'completed', reference: 'ORDER-2026-0301-17', providerStatus: 'settlement/accept' })
    expect((event?.raw as Record<string, unknown>).status_message).toBe('Success, transaction is found')
    const webhook = await midtrans({ serverKey }).parse(toRequest(await midtransTestKit.sign(midtransSamples.completed(), { secret: serverKey })))
    expect(event?.id).toBe(webhook.id)
  })

  it('sends Basic base64(serverKey + ":") and JSON headers, with the order_id URL-encoded', async () => {
    fake.setTransaction(transaction(midtransSamples.pending({ order_id: 'A/B#1 ~x' })))
    const answer = await served127().fetchStatus({ reference: 'A/B#1 ~x', providerStatus: null })
    expect(answer.found).toBe(true)
    const request = fake.requests.at(-1)
    expect(request?.path).toBe('/v2/A%2FB%231%20~x/status')
    expect(request?.method).toBe('GET')
    expect(request?.headers.authorization).toBe(`Basic ${Buffer.from(`${serverKey}:`).toString('base64')}`)
    expect(request?.headers.accept).toBe('application/json')
    expect(request?.headers['content-type']).toBe('application/json')
  })

  it('reads the documented GET status sample (get-status.md)', async () => {
    const client = createMidtransStatusClient(serverKey, { fetch: answering(200, officialStatusAnswer) })
    const answer = await client.fetchStatus({ reference: 'Postman-1578568851', providerStatus: null })
    expect(answer.found && answer.events[0]).toMatchObject({ status: 'completed', providerStatus: 'settlement/accept', amount: { minor: 1000000, currency: 'IDR' } })
    expect(answer.found && answer.events[0]?.occurredAt?.toISOString()).toBe('2020-01-10T09:15:31.000Z')
  })

  it('an unknown order is a 404 in the body under HTTP 200: not found, not an error', async () => {
    const answer = await served127().fetchStatus({ reference: 'NEVER-SEEN-1', providerStatus: null })
    expect(answer).toMatchObject({ found: false })
    expect(answer.found ? '' : answer.message).toContain("Transaction doesn't exist.")
    expect(fake.requests.at(-1)?.path).toBe('/v2/NEVER-SEEN-1/status')
  })

  it.each([
    ['"The requested resource is not found" (HTTP 404)', 404, officialErrors.notFound],
    ['"Transaction doesn\'t exist." (HTTP 200)', 200, officialErrors.doesNotExist],
    ['"Transaction doesn\'t exist." under another code', 200, { ...officialErrors.doesNotExist, status_code: '400' }],
  ])('%s is not found', async (_name, status, body) => {
    const client = createMidtransStatusClient(serverKey, { fetch: answering(status, body) })
    expect(await client.fetchStatus({ reference: 'X-1', providerStatus: null })).toMatchObject({ found: false })
  })

  it('an expired transaction answers status_code 407 (an event, not an error), with the webhook id', async () => {
    fake.setTransaction(transaction(midtransSamples.expired()))
    const answer = await served127().fetchStatus({ reference: 'ORDER-2026-0301-17', providerStatus: null })
    expect(answer.found).toBe(true)
    if (!answer.found) return
    expect((answer.events[0]?.raw as Record<string, unknown>).status_code).toBe('407')
    expect(answer.events[0]).toMatchObject({ status: 'expired', providerStatus: 'expire/accept' })
    const webhook = await midtrans({ serverKey }).parse(toRequest(await midtransTestKit.sign(midtransSamples.expired(), { secret: serverKey })))
    expect(webhook.raw.status_code).toBe('202')
    expect(answer.events[0]?.id).toBe(webhook.id)
  })

  it('a wrong key: 401 → STATUS_API_UNAUTHORIZED, the hint names the sandbox key and the URL, never the key', async () => {
    const wrong = 'SB-Mid-server-WrongKey000111'
    const error = await failure(served127(2000, wrong).fetchStatus({ reference: 'ORDER-2026-0301-17', providerStatus: null }))
    expect(error).toMatchObject({ code: 'STATUS_API_UNAUTHORIZED', httpStatus: 401, provider: 'midtrans' })
    expect(error.hint).toMatch(/sandbox Server Key \(SB-Mid-server-\)/)
    expect(error.hint).toContain(served.url)
    expect(`${error.message} ${error.hint}`).not.toContain(wrong)
  })

  it('a production key against the sandbox: the hint says production', async () => {
    const error = await failure(served127(2000, productionKey).fetchStatus({ reference: 'ORDER-2026-0301-17', providerStatus: null }))
    expect(error.code).toBe('STATUS_API_UNAUTHORIZED')
    expect(error.hint).toMatch(/production Server Key \(Mid-server-\)/)
  })

  it('a 401 in the body under HTTP 200 is unauthorized too', async () => {
    const client = createMidtransStatusClient(serverKey, { fetch: answering(200, officialErrors.unauthorized) })
    const error = await failure(client.fetchStatus({ reference: 'X-1', providerStatus: null }))
    expect(error).toMatchObject({ code: 'STATUS_API_UNAUTHORIZED', httpStatus: 200 })
  })

  it('5xx → STATUS_API_UNAVAILABLE (500, then 503)', async () => {
    fake.failNext('server-error', 2)
    const client = served127()
    const first = await failure(client.fetchStatus({ reference: 'ORDER-2026-0301-17', providerStatus: null }))
    const second = await failure(client.fetchStatus({ reference: 'ORDER-2026-0301-17', providerStatus: null }))
    expect([first.code, first.httpStatus, second.code, second.httpStatus]).toEqual(['STATUS_API_UNAVAILABLE', 500, 'STATUS_API_UNAVAILABLE', 503])
  })

  it('a 5xx in the body under HTTP 200 is unavailable too, and names the status_message', async () => {
    const client = createMidtransStatusClient(serverKey, { fetch: answering(200, { status_code: '503', status_message: 'Bank/partner is experiencing connection issue.' }) })
    const error = await failure(client.fetchStatus({ reference: 'X-1', providerStatus: null }))
    expect(error.code).toBe('STATUS_API_UNAVAILABLE')
    expect(error.message).toContain('Bank/partner is experiencing connection issue.')
  })

  it('429 → STATUS_API_RATE_LIMITED with Retry-After', async () => {
    fake.failNext('rate-limited')
    const error = await failure(served127().fetchStatus({ reference: 'ORDER-2026-0301-17', providerStatus: null }))
    expect(error).toMatchObject({ code: 'STATUS_API_RATE_LIMITED', httpStatus: 429, retryAfterMs: 0 })
    const inBody = createMidtransStatusClient(serverKey, { fetch: answering(200, { status_code: '429', status_message: 'API rate limit exceeded' }, { 'retry-after': '3' }) })
    expect(await failure(inBody.fetchStatus({ reference: 'X-1', providerStatus: null }))).toMatchObject({ code: 'STATUS_API_RATE_LIMITED', retryAfterMs: 3000 })
  })

  it('no answer within timeoutMs → STATUS_API_TIMEOUT', async () => {
    fake.failNext('hang')
    const error = await failure(served127(100).fetchStatus({ reference: 'ORDER-2026-0301-17', providerStatus: null }))
    expect(error.code).toBe('STATUS_API_TIMEOUT')
  })

  it('a non-JSON body → STATUS_API_INVALID_RESPONSE', async () => {
    fake.failNext('malformed')
    expect((await failure(served127().fetchStatus({ reference: 'ORDER-2026-0301-17', providerStatus: null }))).code).toBe('STATUS_API_INVALID_RESPONSE')
  })

  it.each([
    ['an array', [officialStatusAnswer]],
    ['an empty body', ''],
    ['a transaction without order_id', { ...officialStatusAnswer, order_id: undefined }],
    ['a gross_amount as a number', { ...officialStatusAnswer, gross_amount: 10000 }],
    ['a settlement with status_code 201 (the binding)', { ...officialStatusAnswer, status_code: '201' }],
    ['a pending with status_code 200 (the binding)', { ...officialStatusAnswer, transaction_status: 'pending' }],
    ['an undocumented transaction_status', { ...officialStatusAnswer, transaction_status: 'pending_reversal' }],
    ['an undocumented status_code', { ...officialStatusAnswer, status_code: '299' }],
  ])('%s → STATUS_API_INVALID_RESPONSE', async (_name, body) => {
    const client = createMidtransStatusClient(serverKey, { fetch: answering(200, body) })
    expect((await failure(client.fetchStatus({ reference: 'X-1', providerStatus: null }))).code).toBe('STATUS_API_INVALID_RESPONSE')
  })

  it('another documented refusal (412) → STATUS_API_ERROR naming it', async () => {
    const client = createMidtransStatusClient(serverKey, { fetch: answering(200, { status_code: '412', status_message: 'Merchant cannot modify status of the transaction' }) })
    const error = await failure(client.fetchStatus({ reference: 'X-1', providerStatus: null }))
    expect(error.code).toBe('STATUS_API_ERROR')
    expect(error.message).toContain('status_code 412')
  })

  it('the caller’s AbortSignal → STATUS_API_ABORTED, before the request and while it hangs', async () => {
    const before = new AbortController()
    before.abort()
    expect((await failure(served127().fetchStatus({ reference: 'ORDER-2026-0301-17', providerStatus: null, signal: before.signal }))).code).toBe('STATUS_API_ABORTED')
    fake.failNext('hang')
    const during = new AbortController()
    const pending = served127().fetchStatus({ reference: 'ORDER-2026-0301-17', providerStatus: null, signal: during.signal })
    setTimeout(() => during.abort(), 20)
    expect((await failure(pending)).code).toBe('STATUS_API_ABORTED')
  })

  it('a refused connection → STATUS_API_UNAVAILABLE', async () => {
    const closed = await serveFetchHandler(async () => new Response('{}'))
    await closed.close()
    const error = await failure(createMidtransStatusClient(serverKey, { baseUrl: closed.url }).fetchStatus({ reference: 'X-1', providerStatus: null }))
    expect(error.code).toBe('STATUS_API_UNAVAILABLE')
  })

  it.each(['.', '..'])('an order_id of "%s" cannot be a URL path segment: STATUS_API_ERROR, nothing sent', async (id) => {
    const before = fake.requests.length
    const error = await failure(served127().fetchStatus({ reference: id, providerStatus: null }))
    expect(error.code).toBe('STATUS_API_ERROR')
    expect(error.hint).toMatch(/transaction_id/)
    expect(fake.requests.length).toBe(before)
  })

  it('works in-process too, with statusApi.fetch = fake.fetch', async () => {
    fake.setTransaction(transaction(midtransSamples.capture()))
    const client = clientOf(serverKey, { fetch: fake.fetch })
    const answer = await client.fetchStatus({ reference: 'ORDER-2026-0301-17', providerStatus: null })
    expect(answer.found && answer.events[0]).toMatchObject({ status: 'completed', providerStatus: 'capture/accept' })
    expect(fake.requests.at(-1)?.path).toBe('/v2/ORDER-2026-0301-17/status')
  })
})

describe('midtrans status client: base URL and key', () => {
  function recording() {
    const seen: { url: string; authorization: string | null }[] = []
    const fetchImpl: typeof fetch = async (input, init) => {
      seen.push({ url: String(input), authorization: new Headers(init?.headers).get('authorization') })
      return new Response(JSON.stringify(officialErrors.doesNotExist), { status: 200 })
    }
    return { seen, fetchImpl }
  }

  it.each([
    ['a sandbox key', serverKey, `${MIDTRANS_SANDBOX_API}/v2/O-1/status`],
    ['a production key', productionKey, `${MIDTRANS_PRODUCTION_API}/v2/O-1/status`],
  ])('%s picks its environment', async (_name, key, url) => {
    const { seen, fetchImpl } = recording()
    await clientOf(key, { fetch: fetchImpl }).fetchStatus({ reference: 'O-1', providerStatus: null })
    expect(seen[0]?.url).toBe(url)
  })

  it('baseUrl overrides the environment (trailing slash trimmed)', async () => {
    const { seen, fetchImpl } = recording()
    await clientOf(serverKey, { fetch: fetchImpl, baseUrl: 'https://proxy.example.test/midtrans/' }).fetchStatus({ reference: 'O-1', providerStatus: null })
    expect(seen[0]?.url).toBe('https://proxy.example.test/midtrans/v2/O-1/status')
  })

  it('with several Server Keys (rotation) the first one is used, and its environment', async () => {
    const { seen, fetchImpl } = recording()
    await clientOf([productionKey, serverKey], { fetch: fetchImpl }).fetchStatus({ reference: 'O-1', providerStatus: null })
    expect(seen[0]?.url.startsWith(MIDTRANS_PRODUCTION_API)).toBe(true)
    expect(seen[0]?.authorization).toBe(`Basic ${Buffer.from(`${productionKey}:`).toString('base64')}`)
  })

  it('without statusApi the adapter says how to enable it', () => {
    const support = midtrans({ serverKey }).statusApi
    expect(support.supported).toBe(false)
    expect(support.supported ? '' : support.reason).toMatch(/statusApi/)
  })
})

describe('midtrans status client: credentials never appear in an error', () => {
  const secrets = [serverKey, Buffer.from(`${serverKey}:`).toString('base64'), Buffer.from(serverKey).toString('base64')]

  function expectNoCredential(error: unknown): void {
    const shown = [
      (error as Error).message,
      (error as { hint?: string }).hint ?? '',
      JSON.stringify(error),
      JSON.stringify((error as { toJSON?: () => unknown }).toJSON?.() ?? null),
      inspect(error, { depth: 8 }),
    ].join('\n')
    for (const secret of secrets) expect(shown).not.toContain(secret)
  }

  it('in every failure path', async () => {
    const errors: unknown[] = []
    const collect = async (promise: Promise<unknown>) => errors.push(await failure(promise))
    const query = { reference: 'ORDER-2026-0301-17', providerStatus: null }
    fake.setTransaction(transaction(midtransSamples.completed()))
    await collect(served127(2000, `${serverKey}x`).fetchStatus(query))
    for (const fault of ['server-error', 'server-error', 'rate-limited', 'malformed'] as const) {
      fake.failNext(fault)
      await collect(served127().fetchStatus(query))
    }
    fake.failNext('hang')
    await collect(served127(50).fetchStatus(query))
    const aborted = new AbortController()
    aborted.abort()
    await collect(served127().fetchStatus({ ...query, signal: aborted.signal }))
    const closed = await serveFetchHandler(async () => new Response('{}'))
    await closed.close()
    await collect(createMidtransStatusClient(serverKey, { baseUrl: closed.url }).fetchStatus(query))
    for (const body of [officialErrors.unauthorized, { status_code: '412' }, { ...officialStatusAnswer, status_code: '201' }, [1]]) {
      await collect(createMidtransStatusClient(serverKey, { fetch: answering(200, body) }).fetchStatus(query))
    }
    expect(new Set(errors.map((error) => (error as StatusApiError).code))).toEqual(
      new Set(['STATUS_API_UNAUTHORIZED', 'STATUS_API_UNAVAILABLE', 'STATUS_API_RATE_LIMITED', 'STATUS_API_INVALID_RESPONSE', 'STATUS_API_TIMEOUT', 'STATUS_API_ABORTED', 'STATUS_API_ERROR']),
    )
    errors.forEach(expectNoCredential)
  })

  it('at creation: a key btoa cannot encode is refused without echoing it', () => {
    const odd = 'SB-Mid-server-ключ'
    let caught: unknown
    try {
      midtrans({ serverKey: odd, statusApi: {} })
    } catch (error) {
      caught = error
    }
    expect(caught).toMatchObject({ code: 'SECRET_INVALID' })
    expect(inspect(caught, { depth: 8 })).not.toContain(odd)
  })
})
