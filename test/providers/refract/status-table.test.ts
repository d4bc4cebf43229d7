import { describe, expect, it } from 'vitest'
import { refract } from '../../../src/providers/refract/index.js'
import { refractSamples } from '../../../src/providers/refract/samples.js'
import { REFRACT_HEADING_STATUS, REFRACT_HEADINGS, refractStatus } from '../../../src/providers/refract/status-table.js'

const adapter = refract({ token: 'rf_tok_5d0c8a1e' })
const parse = (payload: object) => adapter.parse({ body: JSON.stringify(payload), headers: {} })

/** The §5.2 message with another author line. */
const withHeading = (name: string) => {
  const payload = refractSamples.completed()
  const [embed] = payload.embeds as Record<string, unknown>[]
  return { ...payload, embeds: [{ ...embed, author: { name } }] }
}

describe('refract status table', () => {
  it('has the observed success heading and every listed failure wording, nothing else', () => {
    expect(REFRACT_HEADING_STATUS).toEqual({
      'successful checkout': 'completed',
      'failed checkout': 'failed',
      'checkout failed': 'failed',
      'checkout declined': 'failed',
      declined: 'failed',
      'payment declined': 'failed',
      'payment failed': 'failed',
      'card declined': 'failed',
    })
    expect(Object.keys(REFRACT_HEADING_STATUS)).toEqual([...REFRACT_HEADINGS])
  })

  it.each([
    ['Successful Checkout', 'completed'],
    ['Failed Checkout', 'failed'],
    ['Checkout Failed', 'failed'],
    ['Checkout Declined', 'failed'],
    ['Declined', 'failed'],
    ['Payment Declined', 'failed'],
    ['Payment Failed', 'failed'],
    ['Card Declined', 'failed'],
  ] as const)('"%s | Best Buy US" → order.%s, providerStatus the heading prefix', async (prefix, status) => {
    const event = await parse(withHeading(`${prefix} | Best Buy US`))
    expect(event).toMatchObject({ kind: 'order', status, type: `order.${status}`, providerStatus: prefix })
    expect(event.details?.store).toBe('Best Buy US')
  })

  it.each([
    ['SUCCESSFUL CHECKOUT', 'completed'],
    ['successful checkout', 'completed'],
    ['card DECLINED', 'failed'],
  ] as const)('case does not matter: %s → %s, providerStatus kept as sent', async (prefix, status) => {
    const event = await parse(withHeading(`${prefix} | Best Buy US`))
    expect(event.status).toBe(status)
    expect(event.providerStatus).toBe(prefix)
  })

  it('matches on the start of the heading, at a word boundary', () => {
    expect(refractStatus('Checkout Failed (Card Declined)')).toBe('failed')
    expect(refractStatus('Declined Checkout')).toBe('failed')
    expect(refractStatus('Declinedx')).toBeNull()
    expect(refractStatus('Checkout')).toBeNull()
    expect(refractStatus('Not a Successful Checkout')).toBeNull()
  })

  it('tolerates emoji and bold around the heading', async () => {
    const event = await parse(withHeading('✅ **Successful Checkout** | Best Buy US'))
    expect(event).toMatchObject({ type: 'order.completed', providerStatus: 'Successful Checkout', details: { store: 'Best Buy US' } })
  })

  it.each(['Carted', 'Checkout Started', 'Refract'])('order data under an unknown heading (%s) is kind unknown', async (prefix) => {
    const event = await parse(withHeading(`${prefix} | Best Buy US`))
    expect(event).toMatchObject({ kind: 'unknown', type: 'unknown', providerStatus: prefix, reference: 'BBY01-807102506907' })
    expect(event.status).toBeUndefined()
  })

  it('the failed sample (declined) is order.failed', async () => {
    expect(await parse(refractSamples.failed())).toMatchObject({ type: 'order.failed', providerStatus: 'Payment Declined', reference: 'BBY01-807102506907' })
  })

  it('a declined checkout without an Order Number is still order.failed (nothing was placed), without a reference', async () => {
    const payload = {
      embeds: [{ author: { name: 'Checkout Failed | Best Buy US' }, fields: [{ name: 'Product', value: 'Wi-Fi System' }, { name: 'Price', value: '$299.99' }] }],
    }
    const event = await parse(payload)
    expect(event).toMatchObject({ kind: 'order', type: 'order.failed', amount: { minor: 29999, currency: 'USD' } })
    expect(event.reference).toBeUndefined()
  })

  it('a "Successful Checkout" without an Order Number is a test message, not an order without a reference', async () => {
    const event = await parse({ embeds: [{ author: { name: 'Successful Checkout | Test Store' }, description: 'Product\nTest Product' }] })
    expect(event).toMatchObject({ kind: 'test', type: 'test', providerStatus: 'Successful Checkout' })
  })

  it('prefers the heading that announces an outcome when author and title differ', async () => {
    const event = await parse({
      embeds: [{ author: { name: 'Refract' }, title: 'Successful Checkout | Walmart', fields: [{ name: 'Order Number', value: '#2000123' }] }],
    })
    expect(event).toMatchObject({ type: 'order.completed', providerStatus: 'Successful Checkout', reference: '2000123', details: { store: 'Walmart' } })
  })
})

describe('refract test notification', () => {
  it('the Test Notification (no order data) is kind test, type test, no status, and does not throw', async () => {
    const event = await parse(refractSamples.testNotification())
    expect(event).toMatchObject({ provider: 'refract', kind: 'test', type: 'test', providerStatus: 'Test Notification' })
    expect(event.status).toBeUndefined()
    expect(event.reference).toBeUndefined()
    expect(event.occurredAt?.toISOString()).toBe('2025-11-14T18:32:05.000Z')
  })

  it.each([
    ['a plain content line', { content: 'Webhook test from Refract' }],
    ['an embed with only a title', { embeds: [{ title: 'Webhook test' }] }],
    ['an embed with nothing readable', { embeds: [{ color: 5763719 }] }],
    ['an attachment-only message', { attachments: [{ id: 0, filename: 'test.png' }] }],
  ])('%s is a test event', async (_name, payload) => {
    expect((await parse(payload)).type).toBe('test')
  })

  it('is acknowledged like everything else: 204, empty body', () => {
    expect(adapter.ack('test')).toEqual({ status: 204, headers: {}, body: '' })
  })
})
