import { afterEach, describe, expect, it, vi } from 'vitest'
import { isStatusApiError, type StatusAnswer, type StatusApiError } from '../../../src/core/status-api.js'
import type { StatusEvent } from '../../../src/core/event.js'
import { clickpesa } from '../../../src/providers/clickpesa/index.js'
import { clickpesaSamples } from '../../../src/providers/clickpesa/samples.js'
import { clickpesaTestKit } from '../../../src/providers/clickpesa/test-kit.js'
import { serveFetchHandler, type ServedHandler } from '../../../src/testing/serve-fetch-handler.js'
import { toRequest } from '../../../src/core/test-kit.js'
import { API_KEY, CHECKSUM_KEY, CLIENT_ID, payout, paymentFailed, paymentSuccess, startFakeClickpesa, type FakeClickpesa } from './status-fixtures.js'

const servers: ServedHandler[] = []
afterEach(async () => {
  vi.useRealTimers()
  for (const served of servers.splice(0)) await served.close()
})

async function start(options?: Parameters<typeof startFakeClickpesa>[0]): Promise<FakeClickpesa> {
  const started = await startFakeClickpesa(options)
  servers.push(started.served)
  return started
}

function found(answer: StatusAnswer): StatusEvent[] {
  if (!answer.found) throw new Error(`expected found, got: ${answer.message}`)
  return answer.events
}

async function failure(promise: Promise<unknown>): Promise<StatusApiError> {
  try {
    await promise
  } catch (error) {
    if (isStatusApiError(error)) return error
    throw error
  }
  throw new Error('expected a StatusApiError')
}

const TOKEN = 'token'
const PAYMENTS = (ref: string) => `GET /third-parties/payments/${ref}`
const PAYOUTS = (ref: string) => `GET /third-parties/payouts/${ref}`

/** The fields a poll and the webhook of one attempt must share. */
const comparable = (event: StatusEvent | Awaited<ReturnType<ReturnType<typeof clickpesa>['parse']>>) => ({
  id: event.id,
  kind: event.kind,
  type: event.type,
  status: event.status,
  reference: event.reference,
  providerReference: event.providerReference,
  amount: event.amount,
  occurredAt: event.occurredAt?.toISOString(),
  providerStatus: event.providerStatus,
})

async function webhookEvent(payload: Record<string, unknown>) {
  const adapter = clickpesa({ checksumKey: CHECKSUM_KEY })
  const req = toRequest(await clickpesaTestKit.sign(payload, { secret: CHECKSUM_KEY }))
  expect((await adapter.verifySignature(req)).ok).toBe(true)
  return adapter.parse(req)
}

describe('clickpesa status client: the token (providers.md §3.5)', () => {
  it('asks generate-token once with client-id and api-key, and reuses the token for every lookup', async () => {
    const { fake, client, calls } = await start()
    fake.setPayments('ORD123456', [paymentSuccess()])
    await Promise.all([1, 2, 3].map(() => client.fetchStatus({ reference: 'ORD123456', providerStatus: null })))
    for (let i = 0; i < 3; i++) await client.fetchStatus({ reference: 'ORD123456', providerStatus: null })
    expect(fake.tokensIssued()).toBe(1)
    expect(calls().filter((call) => call === TOKEN)).toHaveLength(1)
    const tokenRequest = fake.requests.find((r) => r.path === '/third-parties/generate-token')
    expect(tokenRequest).toMatchObject({ method: 'POST', headers: { 'client-id': CLIENT_ID, 'api-key': API_KEY } })
    expect(tokenRequest?.headers.authorization).toBeUndefined()
  })

  it('sends the token as issued, with its one Bearer prefix, and never the api key to the query', async () => {
    const { fake, client } = await start()
    fake.setPayments('ORD123456', [paymentSuccess()])
    await client.fetchStatus({ reference: 'ORD123456', providerStatus: null })
    const query = fake.requests.find((r) => r.path.startsWith('/third-parties/payments/'))
    expect(query?.headers.authorization).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/)
    expect(query?.headers.authorization).not.toMatch(/Bearer\s+Bearer/i)
    expect(query?.headers['api-key']).toBeUndefined()
    expect(query?.headers['client-id']).toBeUndefined()
  })

  it('renews a token ClickPesa refuses (401), once, and completes the lookup', async () => {
    const { fake, client, calls } = await start()
    fake.setPayments('ORD123456', [paymentSuccess()])
    await client.fetchStatus({ reference: 'ORD123456', providerStatus: null })
    fake.expireTokens()
    const events = found(await client.fetchStatus({ reference: 'ORD123456', providerStatus: null }))
    expect(events).toHaveLength(1)
    expect(calls()).toEqual([TOKEN, PAYMENTS('ORD123456'), PAYMENTS('ORD123456'), TOKEN, PAYMENTS('ORD123456')])
  })

  it('renews one expired token once for lookups refused at the same time', async () => {
    const { fake, client } = await start()
    fake.setPayments('ORD123456', [paymentSuccess()])
    await client.fetchStatus({ reference: 'ORD123456', providerStatus: null })
    fake.expireTokens()
    await Promise.all([1, 2, 3, 4].map(() => client.fetchStatus({ reference: 'ORD123456', providerStatus: null })))
    expect(fake.tokensIssued()).toBe(2)
  })

  it('fails with STATUS_API_UNAUTHORIZED when the renewed token is refused too, without a third token', async () => {
    // Every token expires at once: the first query and its one retry are both refused.
    const { fake, client, calls } = await start({ tokenTtlMs: 0 })
    fake.setPayments('ORD123456', [paymentSuccess()])
    const error = await failure(client.fetchStatus({ reference: 'ORD123456', providerStatus: null }))
    expect(error).toMatchObject({ code: 'STATUS_API_UNAUTHORIZED', provider: 'clickpesa', httpStatus: 401 })
    expect(error.hint).toMatch(/just issued/)
    expect(calls()).toEqual([TOKEN, PAYMENTS('ORD123456'), TOKEN, PAYMENTS('ORD123456')])
  })

  it.each([
    ['a wrong API key', { apiKey: 'SKnotTheKeyOfThisApp11' }],
    ['a wrong client id', { clientId: 'IDnotThisApplication22' }],
  ])('answers %s (403 from generate-token) with STATUS_API_UNAUTHORIZED and a hint naming the options', async (_label, credentials) => {
    const { client, calls } = await start(credentials)
    const error = await failure(client.fetchStatus({ reference: 'ORD123456', providerStatus: null }))
    expect(error).toMatchObject({ code: 'STATUS_API_UNAUTHORIZED', httpStatus: 403 })
    expect(error.hint).toMatch(/statusApi\.clientId and statusApi\.apiKey/)
    expect(error.hint).toMatch(/environment/)
    expect(calls()).toEqual([TOKEN])
  })

  it('renews the token before its hour is up, without waiting for a refusal', async () => {
    const { fake, client, calls } = await start()
    fake.setPayments('ORD123456', [paymentSuccess()])
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-02-03T10:00:00.000Z'))
    await client.fetchStatus({ reference: 'ORD123456', providerStatus: null })
    vi.setSystemTime(new Date('2026-02-03T10:54:00.000Z'))
    await client.fetchStatus({ reference: 'ORD123456', providerStatus: null })
    expect(fake.tokensIssued()).toBe(1)
    // 56 minutes in: still accepted by ClickPesa for 4 more, but renewed ahead of its expiry.
    vi.setSystemTime(new Date('2026-02-03T10:56:00.000Z'))
    await client.fetchStatus({ reference: 'ORD123456', providerStatus: null })
    expect(calls()).toEqual([TOKEN, PAYMENTS('ORD123456'), PAYMENTS('ORD123456'), TOKEN, PAYMENTS('ORD123456')])
  })
})

describe('clickpesa status client: attempts as events', () => {
  it('returns one event per attempt under the reference, in the order ClickPesa lists them', async () => {
    const { fake, client } = await start()
    const failedFirst = paymentFailed({ id: 'ORD777LCPF01', orderReference: 'ORD777', updatedAt: '2026-02-03T09:30:00.000Z' })
    const paidSecond = paymentSuccess({ id: 'ORD777LCPS02', orderReference: 'ORD777' })
    fake.setPayments('ORD777', [failedFirst, paidSecond])
    const events = found(await client.fetchStatus({ reference: 'ORD777', providerStatus: 'PAYMENT FAILED/FAILED' }))
    expect(events.map((e) => [e.providerReference, e.type, e.providerStatus])).toEqual([
      ['ORD777LCPF01', 'payment.failed', 'PAYMENT FAILED/FAILED'],
      ['ORD777LCPS02', 'payment.completed', 'PAYMENT RECEIVED/SUCCESS'],
    ])
    expect(new Set(events.map((e) => e.id)).size).toBe(2)
  })

  it('maps every payment status to the event a webhook would carry, and reads collectedAmount as an integer', async () => {
    const { fake, client } = await start()
    const statuses = ['SUCCESS', 'SETTLED', 'PROCESSING', 'PENDING', 'FAILED', 'ON-HOLD']
    fake.setPayments('ORD900', statuses.map((status, i) => paymentSuccess({ id: `ORD900LCP${i}`, orderReference: 'ORD900', status })))
    const events = found(await client.fetchStatus({ reference: 'ORD900', providerStatus: null }))
    expect(events.map((e) => [e.providerStatus, e.type])).toEqual([
      ['PAYMENT RECEIVED/SUCCESS', 'payment.completed'],
      ['PAYMENT RECEIVED/SETTLED', 'payment.completed'],
      ['PAYMENT RECEIVED/PROCESSING', 'payment.processing'],
      ['PAYMENT RECEIVED/PENDING', 'payment.pending'],
      ['PAYMENT FAILED/FAILED', 'payment.failed'],
      ['PAYMENT RECEIVED/ON-HOLD', 'payment.review'],
    ])
    expect(events.every((e) => e.amount?.minor === 1_000_000 && e.amount.currency === 'TZS')).toBe(true)
  })

  it('maps every payout status, FAILED included (no PAYOUT FAILED event exists, §3.1)', async () => {
    const { fake, client } = await start()
    const statuses = ['SUCCESS', 'PROCESSING', 'PENDING', 'FAILED', 'REFUNDED', 'REVERSED']
    fake.setPayouts('order_123456', statuses.map((status, i) => payout(status, { id: `PAY${i}` })))
    const events = found(await client.fetchStatus({ reference: 'order_123456', providerStatus: 'PAYOUT INITIATED/PROCESSING' }))
    expect(events.map((e) => [e.providerStatus, e.type])).toEqual([
      ['PAYOUT INITIATED/SUCCESS', 'payout.completed'],
      ['PAYOUT INITIATED/PROCESSING', 'payout.processing'],
      ['PAYOUT INITIATED/PENDING', 'payout.pending'],
      ['PAYOUT INITIATED/FAILED', 'payout.failed'],
      ['PAYOUT REFUNDED/REFUNDED', 'payout.refunded'],
      ['PAYOUT REVERSED/REVERSED', 'payout.reversed'],
    ])
    expect(events[0]?.amount).toEqual({ minor: 2_000_000, currency: 'TZS' })
  })

  it('keeps the attempt in raw, inside the webhook envelope with the mapped event name', async () => {
    const { fake, client } = await start()
    fake.setPayments('ORD123456', [paymentSuccess()])
    const [event] = found(await client.fetchStatus({ reference: 'ORD123456', providerStatus: null }))
    expect(event?.raw).toMatchObject({ event: 'PAYMENT RECEIVED', data: { id: 'ORD123456LCP7890', collectedAmount: 10000, paymentPhoneNumber: '255700000000' } })
  })

  it('skips a status payhooks does not know when others are known; refuses an answer of only unknown ones', async () => {
    const { fake, client } = await start()
    fake.setPayments('ORD5', [paymentSuccess({ orderReference: 'ORD5', status: 'REVERSAL-QUEUED' }), paymentSuccess({ orderReference: 'ORD5', id: 'X2' })])
    expect(found(await client.fetchStatus({ reference: 'ORD5', providerStatus: 'PAYMENT RECEIVED/PENDING' })).map((e) => e.providerReference)).toEqual(['X2'])
    fake.setPayments('ORD6', [paymentSuccess({ orderReference: 'ORD6', status: 'REVERSAL-QUEUED' })])
    const error = await failure(client.fetchStatus({ reference: 'ORD6', providerStatus: 'PAYMENT RECEIVED/PENDING' }))
    expect(error.code).toBe('STATUS_API_INVALID_RESPONSE')
    expect(error.message).toContain('REVERSAL-QUEUED')
  })

  it('ignores an element of another orderReference', async () => {
    const { fake, client } = await start()
    fake.setPayments('ORD8', [paymentSuccess({ orderReference: 'ORD8-OTHER' }), paymentSuccess({ orderReference: 'ORD8', id: 'MINE' })])
    expect(found(await client.fetchStatus({ reference: 'ORD8', providerStatus: 'PAYMENT RECEIVED/PENDING' })).map((e) => e.providerReference)).toEqual(['MINE'])
  })

  it('refuses an element without a status or without its orderReference as STATUS_API_INVALID_RESPONSE', async () => {
    const { fake, client } = await start()
    const { status: _status, ...noStatus } = paymentSuccess({ orderReference: 'ORD9' })
    fake.setPayments('ORD9', [noStatus as never])
    expect((await failure(client.fetchStatus({ reference: 'ORD9', providerStatus: null }))).code).toBe('STATUS_API_INVALID_RESPONSE')
    const { orderReference: _ref, ...noReference } = paymentSuccess()
    fake.setPayments('ORD10', [noReference as never])
    const error = await failure(client.fetchStatus({ reference: 'ORD10', providerStatus: null }))
    expect(error.code).toBe('STATUS_API_INVALID_RESPONSE')
    expect(error.message).toContain('0.orderReference')
  })
})

describe('clickpesa status client: payouts vs payments, and not found', () => {
  it('asks only the payouts API for a record a payout event set', async () => {
    const { fake, client, calls } = await start()
    fake.setPayouts('order_123456', [payout('SUCCESS')])
    fake.setPayments('order_123456', [paymentSuccess({ orderReference: 'order_123456' })])
    const events = found(await client.fetchStatus({ reference: 'order_123456', providerStatus: 'PAYOUT INITIATED/PROCESSING' }))
    expect(events.map((e) => e.kind)).toEqual(['payout'])
    expect(calls()).toEqual([TOKEN, PAYOUTS('order_123456')])
  })

  it('asks only the payments API for a record a payment event set, and reports not found from its 404', async () => {
    const { client, calls } = await start()
    const answer = await client.fetchStatus({ reference: 'ORD404', providerStatus: 'PAYMENT RECEIVED/PENDING' })
    expect(answer).toEqual({ found: false, message: 'ClickPesa has no payment under orderReference ORD404.' })
    expect(calls()).toEqual([TOKEN, PAYMENTS('ORD404')])
  })

  it.each([null, 'DEPOSIT RECEIVED/PENDING', 'SOMETHING NEW'])('asks payments, then payouts on not found, for providerStatus %s', async (providerStatus) => {
    const { fake, client, calls } = await start()
    fake.setPayouts('order_123456', [payout('REVERSED')])
    const events = found(await client.fetchStatus({ reference: 'order_123456', providerStatus }))
    expect(events.map((e) => e.type)).toEqual(['payout.reversed'])
    expect(calls()).toEqual([TOKEN, PAYMENTS('order_123456'), PAYOUTS('order_123456')])
  })

  it('treats an empty array like the documented 404, and reports neither API knowing the reference', async () => {
    const { fake, client, calls } = await start()
    fake.setPayments('ORD-EMPTY', [])
    const answer = await client.fetchStatus({ reference: 'ORD-EMPTY', providerStatus: null })
    expect(answer).toEqual({ found: false, message: 'ClickPesa has no payment or payout under orderReference ORD-EMPTY.' })
    expect(calls()).toEqual([TOKEN, PAYMENTS('ORD-EMPTY'), PAYOUTS('ORD-EMPTY')])
  })

  it('encodes the reference in the path', async () => {
    const { fake, client, calls } = await start()
    fake.setPayments('INV 12/7#a', [paymentSuccess({ orderReference: 'INV 12/7#a' })])
    expect(found(await client.fetchStatus({ reference: 'INV 12/7#a', providerStatus: null }))).toHaveLength(1)
    expect(calls()[1]).toBe(PAYMENTS('INV%2012%2F7%23a'))
  })

  it('does not take a 404 without the documented message (a wrong baseUrl) for not found', async () => {
    const { served } = await start()
    const adapter = clickpesa({ checksumKey: CHECKSUM_KEY, statusApi: { clientId: CLIENT_ID, apiKey: API_KEY, baseUrl: `${served.url}/third-parties` } })
    if (!adapter.statusApi.supported) throw new Error('unsupported')
    const error = await failure(adapter.statusApi.client.fetchStatus({ reference: 'ORD1', providerStatus: null }))
    expect(error).toMatchObject({ code: 'STATUS_API_ERROR', httpStatus: 404 })
    expect(error.hint).toMatch(/host only/)
  })
})

describe('clickpesa status client: faults', () => {
  async function warmed() {
    const started = await start({ timeoutMs: 300 })
    started.fake.setPayments('ORD123456', [paymentSuccess()])
    await started.client.fetchStatus({ reference: 'ORD123456', providerStatus: null })
    return started
  }

  it('429 → STATUS_API_RATE_LIMITED with the wait; 5xx → STATUS_API_UNAVAILABLE; then it works again', async () => {
    const { fake, client } = await warmed()
    fake.failNext('rate-limited')
    expect(await failure(client.fetchStatus({ reference: 'ORD123456', providerStatus: null }))).toMatchObject({ code: 'STATUS_API_RATE_LIMITED', retryAfterMs: 0 })
    fake.failNext('server-error')
    expect(await failure(client.fetchStatus({ reference: 'ORD123456', providerStatus: null }))).toMatchObject({ code: 'STATUS_API_UNAVAILABLE', httpStatus: 502 })
    expect(found(await client.fetchStatus({ reference: 'ORD123456', providerStatus: null }))).toHaveLength(1)
    expect(fake.tokensIssued()).toBe(1)
  })

  it('a proxy page or a non-array → STATUS_API_INVALID_RESPONSE', async () => {
    const { fake, client } = await warmed()
    fake.failNext('malformed')
    expect((await failure(client.fetchStatus({ reference: 'ORD123456', providerStatus: null }))).code).toBe('STATUS_API_INVALID_RESPONSE')
    fake.setPayments('ORD-OBJ', { id: 'x' } as never)
    expect((await failure(client.fetchStatus({ reference: 'ORD-OBJ', providerStatus: null }))).message).toMatch(/not an array/)
  })

  it('a hung query → STATUS_API_TIMEOUT; a hung token request → STATUS_API_TIMEOUT, and the next lookup gets a token', async () => {
    const { fake, client } = await warmed()
    fake.failNext('hang')
    expect((await failure(client.fetchStatus({ reference: 'ORD123456', providerStatus: null }))).code).toBe('STATUS_API_TIMEOUT')
    const fresh = await start({ timeoutMs: 300 })
    fresh.fake.setPayments('ORD123456', [paymentSuccess()])
    fresh.fake.failNext('hang')
    expect((await failure(fresh.client.fetchStatus({ reference: 'ORD123456', providerStatus: null }))).code).toBe('STATUS_API_TIMEOUT')
    expect(found(await fresh.client.fetchStatus({ reference: 'ORD123456', providerStatus: null }))).toHaveLength(1)
  })

  it('an abort → STATUS_API_ABORTED, before a request, during a query, and while waiting for the token', async () => {
    const { fake, client, calls } = await warmed()
    const before = calls().length
    expect((await failure(client.fetchStatus({ reference: 'ORD123456', providerStatus: null, signal: AbortSignal.abort() }))).code).toBe('STATUS_API_ABORTED')
    expect(calls()).toHaveLength(before)
    fake.failNext('hang')
    const during = new AbortController()
    setTimeout(() => during.abort(), 50)
    expect((await failure(client.fetchStatus({ reference: 'ORD123456', providerStatus: null, signal: during.signal }))).code).toBe('STATUS_API_ABORTED')

    const fresh = await start({ timeoutMs: 1_000 })
    fresh.fake.setPayments('ORD123456', [paymentSuccess()])
    fresh.fake.failNext('hang')
    const waiting = new AbortController()
    setTimeout(() => waiting.abort(), 50)
    expect((await failure(fresh.client.fetchStatus({ reference: 'ORD123456', providerStatus: null, signal: waiting.signal }))).code).toBe('STATUS_API_ABORTED')
  })

  it('an unreachable host → STATUS_API_UNAVAILABLE', async () => {
    const served = await serveFetchHandler(async () => new Response('{}'))
    const url = served.url
    await served.close()
    const adapter = clickpesa({ checksumKey: CHECKSUM_KEY, statusApi: { clientId: CLIENT_ID, apiKey: API_KEY, baseUrl: url } })
    if (!adapter.statusApi.supported) throw new Error('unsupported')
    expect((await failure(adapter.statusApi.client.fetchStatus({ reference: 'ORD1', providerStatus: null }))).code).toBe('STATUS_API_UNAVAILABLE')
  })
})

describe('clickpesa: a poll and the webhook of the same attempt are one event', () => {
  it.each([
    ['a SUCCESS payment', clickpesaSamples.completed(), 'payments', paymentSuccess(), 'ORD123456'],
    ['a FAILED payment', clickpesaSamples.failed(), 'payments', paymentFailed(), '0969231256'],
    ['a SUCCESS payout (PAYOUT INITIATED)', clickpesaSamples.payoutInitiated(), 'payouts', payout('SUCCESS'), 'order_123456'],
    ['a REVERSED payout', clickpesaSamples.payoutReversed(), 'payouts', payout('REVERSED'), 'order_123456'],
  ] as const)('%s: same id, kind, status, amount and time', async (_label, webhookPayload, collection, attempt, reference) => {
    const fromWebhook = await webhookEvent(webhookPayload)
    const { fake, client } = await start()
    if (collection === 'payments') fake.setPayments(reference, [attempt])
    else fake.setPayouts(reference, [attempt])
    const [fromPoll] = found(await client.fetchStatus({ reference, providerStatus: fromWebhook.providerStatus }))
    expect(fromPoll).toBeDefined()
    expect(comparable(fromPoll as StatusEvent)).toEqual(comparable(fromWebhook))
  })
})

describe('clickpesa status client: credentials never appear in errors', () => {
  /** Everything an error could show: message, hint, stack, JSON, and its causes. */
  function everythingIn(error: unknown): string {
    const parts: string[] = []
    for (let current = error, depth = 0; current !== undefined && current !== null && depth < 10; depth++) {
      const e = current as Error & Record<string, unknown>
      parts.push(String(e.message), String(e.hint), String(e.stack), JSON.stringify(e), String(current))
      current = e.cause
    }
    return parts.join('\n')
  }

  it('in every failure path, neither the client id, the API key nor a token', async () => {
    const errors: unknown[] = []
    const collect = async (promise: Promise<unknown>) => errors.push(await failure(promise))

    const wrongKey = await start({ apiKey: 'SKwrongKeyValue777', timeoutMs: 300 })
    await collect(wrongKey.client.fetchStatus({ reference: 'ORD123456', providerStatus: null }))

    const { fake, client } = await start({ timeoutMs: 300 })
    fake.setPayments('ORD123456', [paymentSuccess()])
    await client.fetchStatus({ reference: 'ORD123456', providerStatus: null })
    for (const fault of ['rate-limited', 'server-error', 'malformed', 'hang'] as const) {
      fake.failNext(fault)
      await collect(client.fetchStatus({ reference: 'ORD123456', providerStatus: null }))
    }
    const aborting = new AbortController()
    fake.failNext('hang')
    setTimeout(() => aborting.abort(), 30)
    await collect(client.fetchStatus({ reference: 'ORD123456', providerStatus: null, signal: aborting.signal }))
    fake.setPayments('ORD-BAD', [{ orderReference: 'ORD-BAD', status: 'NEW-THING' }])
    await collect(client.fetchStatus({ reference: 'ORD-BAD', providerStatus: null }))

    const refused = await start({ tokenTtlMs: 0 })
    refused.fake.setPayments('ORD123456', [paymentSuccess()])
    await collect(refused.client.fetchStatus({ reference: 'ORD123456', providerStatus: null }))

    // A token endpoint answering the bare token as text: a JSON parser's message would quote it.
    const bareToken = 'Bearer eyJhbGciOiJIUzI1NiJ9.bareTokenPayload.bareTokenSignature'
    const textServer = await serveFetchHandler(async () => new Response(bareToken, { status: 200, headers: { 'content-type': 'text/plain' } }))
    servers.push(textServer)
    const textAdapter = clickpesa({ checksumKey: CHECKSUM_KEY, statusApi: { clientId: CLIENT_ID, apiKey: API_KEY, baseUrl: textServer.url } })
    if (!textAdapter.statusApi.supported) throw new Error('unsupported')
    await collect(textAdapter.statusApi.client.fetchStatus({ reference: 'ORD1', providerStatus: null }))

    const issuedTokens = [...fake.requests, ...refused.fake.requests]
      .map((r) => r.headers.authorization)
      .filter((value): value is string => value !== undefined)
      .map((value) => value.replace(/^Bearer /, ''))
    expect(issuedTokens.length).toBeGreaterThan(0)
    expect(errors.map((e) => (e as StatusApiError).code)).toEqual([
      'STATUS_API_UNAUTHORIZED',
      'STATUS_API_RATE_LIMITED',
      'STATUS_API_UNAVAILABLE',
      'STATUS_API_INVALID_RESPONSE',
      'STATUS_API_TIMEOUT',
      'STATUS_API_ABORTED',
      'STATUS_API_INVALID_RESPONSE',
      'STATUS_API_UNAUTHORIZED',
      'STATUS_API_INVALID_RESPONSE',
    ])
    for (const error of errors) {
      const text = everythingIn(error)
      for (const secret of [CLIENT_ID, API_KEY, 'SKwrongKeyValue777', CHECKSUM_KEY, 'bareTokenPayload', ...issuedTokens]) expect(text).not.toContain(secret)
    }
  })

  it('refuses empty or padded credentials at creation without echoing them', () => {
    const create = (statusApi: Record<string, unknown>) => () => clickpesa({ checksumKey: CHECKSUM_KEY, statusApi: statusApi as never })
    expect(create({ clientId: CLIENT_ID, apiKey: '' })).toThrowError(expect.objectContaining({ code: 'SECRET_INVALID', message: expect.stringContaining('statusApi.apiKey') }))
    expect(create({ clientId: ` ${CLIENT_ID}`, apiKey: API_KEY })).toThrowError(expect.objectContaining({ code: 'SECRET_INVALID' }))
    expect(create({ clientId: CLIENT_ID, apiKey: 42 })).toThrowError(TypeError)
    expect(create({ clientId: CLIENT_ID, apiKey: API_KEY, baseUrl: `https://${API_KEY}:x@api.clickpesa.com` })).toThrowError(/must not carry credentials/)
    for (const make of [create({ clientId: ` ${CLIENT_ID}`, apiKey: API_KEY }), create({ clientId: CLIENT_ID, apiKey: `${API_KEY}\n` })]) {
      try {
        make()
      } catch (error) {
        expect(everythingIn(error)).not.toContain(API_KEY)
        expect(everythingIn(error)).not.toContain(CLIENT_ID)
      }
    }
  })

  it('without statusApi, the adapter says how to configure it', () => {
    const adapter = clickpesa({ checksumKey: CHECKSUM_KEY })
    expect(adapter.statusApi).toEqual({ supported: false, reason: expect.stringContaining('statusApi: { clientId, apiKey }') })
  })
})
