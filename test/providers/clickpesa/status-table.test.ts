import { describe, expect, it } from 'vitest'
import { CLICKPESA_EVENT, CLICKPESA_PAYMENT_STATUS, CLICKPESA_PAYOUT_STATUS, clickpesa } from '../../../src/providers/clickpesa/index.js'
import { clickpesaSamples } from '../../../src/providers/clickpesa/samples.js'

type Json = Record<string, unknown>

const adapter = clickpesa({ checksumKey: 'cpk_test_status_table' })
const parse = (payload: Json) => adapter.parse({ body: JSON.stringify(payload), headers: {} })

/** The current PAYMENT RECEIVED sample under another event name and data.status (undefined: no status). */
function payload(event: string, status: string | undefined, key: 'event' | 'eventType' = 'event'): Json {
  const { event: _event, data } = clickpesaSamples.completed()
  const { status: _status, ...rest } = data as Json
  return { [key]: event, data: status === undefined ? rest : { ...rest, status } }
}

describe('clickpesa status tables', () => {
  it('have exactly the documented rows (providers.md §3.1–§3.2)', () => {
    expect(Object.keys(CLICKPESA_EVENT)).toEqual([
      'PAYMENT RECEIVED',
      'PAYMENT FAILED',
      'PAYOUT INITIATED',
      'PAYOUT REFUNDED',
      'PAYOUT REVERSED',
      'DEPOSIT RECEIVED',
    ])
    expect(CLICKPESA_PAYMENT_STATUS).toEqual({
      SUCCESS: 'completed',
      SETTLED: 'completed',
      PROCESSING: 'processing',
      PENDING: 'pending',
      FAILED: 'failed',
      'ON-HOLD': 'review',
    })
    expect(CLICKPESA_PAYOUT_STATUS).toEqual({
      SUCCESS: 'completed',
      PROCESSING: 'processing',
      PENDING: 'pending',
      FAILED: 'failed',
      REFUNDED: 'refunded',
      REVERSED: 'reversed',
    })
  })

  it.each([
    ['PAYMENT RECEIVED', 'payment', 'completed'],
    ['PAYMENT FAILED', 'payment', 'failed'],
    ['PAYOUT INITIATED', 'payout', 'processing'],
    ['PAYOUT REFUNDED', 'payout', 'refunded'],
    ['PAYOUT REVERSED', 'payout', 'reversed'],
    ['DEPOSIT RECEIVED', 'deposit', 'completed'],
  ] as const)('%s without data.status → %s.%s, providerStatus the event name', async (event, kind, status) => {
    const parsed = await parse(payload(event, undefined))
    expect(parsed).toMatchObject({ kind, status, type: `${kind}.${status}`, providerStatus: event })
  })

  // DEPOSIT RECEIVED is read like a payment; both follow the payment statuses in data.status.
  const paymentStatuses = [
    ['SUCCESS', 'completed'],
    ['SETTLED', 'completed'],
    ['PROCESSING', 'processing'],
    ['PENDING', 'pending'],
    ['FAILED', 'failed'],
    ['ON-HOLD', 'review'],
  ] as const
  it.each(
    (['PAYMENT RECEIVED', 'DEPOSIT RECEIVED'] as const).flatMap((event) =>
      paymentStatuses.map(([raw, status]) => [event, raw, event === 'PAYMENT RECEIVED' ? 'payment' : 'deposit', status] as const),
    ),
  )('%s with data.status %s → %s.%s', async (event, raw, kind, status) => {
    const parsed = await parse(payload(event, raw))
    expect(parsed).toMatchObject({ kind, status, type: `${kind}.${status}`, providerStatus: `${event}/${raw}` })
  })

  it.each([
    ['SUCCESS', 'completed'],
    ['PROCESSING', 'processing'],
    ['PENDING', 'pending'],
    ['FAILED', 'failed'],
    ['REFUNDED', 'refunded'],
    ['REVERSED', 'reversed'],
  ] as const)('PAYOUT INITIATED with data.status %s → payout.%s: the status decides, not the event name (§3.6.4)', async (raw, status) => {
    const parsed = await parse(
      clickpesaSamples.payoutInitiated({ data: { ...(clickpesaSamples.payoutInitiated().data as Json), status: raw } }),
    )
    expect(parsed).toMatchObject({ kind: 'payout', status, providerStatus: `PAYOUT INITIATED/${raw}` })
  })

  it.each([
    ['PAYMENT FAILED', 'SUCCESS', 'failed'],
    ['PAYOUT REFUNDED', 'SUCCESS', 'refunded'],
    ['PAYOUT REVERSED', 'PENDING', 'reversed'],
  ] as const)('%s with a contradicting data.status %s stays %s: an outcome event decides by its name', async (event, raw, status) => {
    const parsed = await parse(payload(event, raw))
    expect(parsed).toMatchObject({ status, providerStatus: `${event}/${raw}` })
  })

  it('matches data.status in any case and keeps it as sent in providerStatus', async () => {
    const parsed = await parse(payload('PAYMENT RECEIVED', 'Success'))
    expect(parsed).toMatchObject({ status: 'completed', providerStatus: 'PAYMENT RECEIVED/Success' })
  })

  it('treats a null data.status as absent', async () => {
    const parsed = await parse({ event: 'PAYOUT INITIATED', data: { orderReference: 'order_123456', status: null } })
    expect(parsed).toMatchObject({ kind: 'payout', status: 'processing', providerStatus: 'PAYOUT INITIATED' })
  })

  it.each([
    ['PAYMENT RECEIVED', 'REVERSED'],
    ['PAYMENT RECEIVED', 'ON_HOLD'],
    ['PAYOUT INITIATED', 'SETTLED'],
    ['DEPOSIT RECEIVED', 'REFUNDED'],
  ])('%s with an undocumented data.status %s is kind unknown: it changes nothing', async (event, raw) => {
    const parsed = await parse(payload(event, raw))
    expect(parsed).toMatchObject({ kind: 'unknown', type: 'unknown', providerStatus: `${event}/${raw}`, reference: 'ORD123456' })
    expect(parsed.status).toBeUndefined()
  })

  it.each(['PAYMENT_RECEIVED', 'payment.received', 'Payment Received', 'PAYMENT CANCELLED', 'PAYOUT COMPLETED', 'DISBURSEMENT SUCCESS'])(
    'an event name ClickPesa does not document (%s) is kind unknown, acknowledged without error',
    async (event) => {
      const parsed = await parse(payload(event, 'SUCCESS'))
      expect(parsed).toMatchObject({ kind: 'unknown', type: 'unknown', providerStatus: `${event}/SUCCESS` })
      expect(parsed.status).toBeUndefined()
      expect(adapter.ack('unknown').status).toBe(200)
    },
  )

  it.each([
    ['PAYMENT FAILED', 'failed'],
    ['PAYMENT RECEIVED', 'completed'],
    ['PAYOUT REVERSED', 'reversed'],
  ] as const)('reads the event name from the older eventType key too (%s, §3.6.1)', async (event, status) => {
    const parsed = await parse(payload(event, undefined, 'eventType'))
    expect(parsed).toMatchObject({ status, providerStatus: event })
  })

  it('prefers event over eventType when a payload carries both', async () => {
    const parsed = await parse({ ...payload('PAYMENT RECEIVED', 'SUCCESS'), eventType: 'PAYMENT FAILED' })
    expect(parsed).toMatchObject({ status: 'completed', providerStatus: 'PAYMENT RECEIVED/SUCCESS' })
  })
})
