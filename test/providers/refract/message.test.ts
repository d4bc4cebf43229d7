import { describe, expect, it } from 'vitest'
import type { WebhookEvent } from '../../../src/core/event.js'
import { readRefractMessage, refract, refractPayloadSchema, refractPrice } from '../../../src/providers/refract/index.js'
import { refractSamples } from '../../../src/providers/refract/samples.js'

const adapter = refract({ token: 'rf_tok_5d0c8a1e' })
const parse = (payload: object) => adapter.parse({ body: JSON.stringify(payload), headers: { 'content-type': 'application/json' } })

/** Everything but the wire payload, which differs between placements by construction. */
const normalized = ({ raw: _raw, ...event }: WebhookEvent) => event

// The integrator's simulated Refract message, order data in `description` (providers.md §5.2;
// farzanariel/ROMS test_discord_embed.py), with fill-ins for the personal values.
const AUTHOR = { name: 'Successful Checkout | Best Buy US', icon_url: 'https://cdn.prismaio.com/refract/avatar.png' }
const FOOTER = { text: 'Prism Technologies', icon_url: 'https://cdn.prismaio.com/refract/avatar.png' }
const PROXY = 'Wealth Resi | http://user1:s3cret@resi-edge-pool.proxy.example:5959/'
const DESCRIPTION = [
  'Product', 'STARLINK - Mini Kit AC Dual Band Wi-Fi System - White',
  'Price', '$299.99',
  'Profile', 'Lennar #8-$48-@07',
  'Proxy Details', PROXY,
  'Order Number', '#BBY01-807102506907',
  'Email', 'buyer@example.com',
].join('\n')

const EXPECTED = {
  provider: 'refract',
  kind: 'order',
  type: 'order.completed',
  status: 'completed',
  reference: 'BBY01-807102506907',
  amount: { minor: 29999, currency: 'USD' },
  providerStatus: 'Successful Checkout',
  details: { store: 'Best Buy US', product: 'STARLINK - Mini Kit AC Dual Band Wi-Fi System - White', profile: 'Lennar #8-$48-@07', email: 'buyer@example.com' },
}

describe('refract order data placements', () => {
  it('reads the observed description message', async () => {
    const event = await parse({ embeds: [{ author: AUTHOR, description: DESCRIPTION, footer: FOOTER }] })
    expect(normalized(event)).toEqual({ ...EXPECTED, id: event.id })
    expect(event.occurredAt).toBeUndefined()
  })

  it('fields[], description and plain content give the same event', async () => {
    const pairs = DESCRIPTION.split('\n').flatMap((line, i, lines) => (i % 2 === 0 ? [{ name: line, value: lines[i + 1] as string }] : []))
    const fromFields = await parse({ embeds: [{ author: AUTHOR, fields: pairs, footer: FOOTER }] })
    const fromDescription = await parse({ embeds: [{ author: AUTHOR, description: DESCRIPTION, footer: FOOTER }] })
    const fromContent = await parse({ content: `${AUTHOR.name}\n${DESCRIPTION}` })
    expect(normalized(fromFields)).toEqual(normalized(fromDescription))
    expect(normalized(fromContent)).toEqual(normalized(fromDescription))
    expect(fromFields).toMatchObject(EXPECTED)
  })

  it('the three completed samples give the same event (content has no embed timestamp)', async () => {
    const fields = await parse(refractSamples.completed())
    const description = await parse(refractSamples.completedDescription())
    const content = await parse(refractSamples.completedContent())
    expect(normalized(description)).toEqual(normalized(fields))
    expect(normalized(content)).toEqual({ ...normalized(fields), occurredAt: undefined })
    expect(fields.occurredAt?.toISOString()).toBe('2025-11-14T18:32:05.000Z')
    expect(content.type).toBe('order.completed')
  })

  it.each([
    ['bold labels', DESCRIPTION.replace(/^(Product|Price|Profile|Proxy Details|Order Number|Email)$/gm, '**$1**')],
    ['"Label: Value" lines', DESCRIPTION.replace(/^(Product|Price|Profile|Proxy Details|Order Number|Email)\n/gm, '$1: ')],
    ['bold "Label:" lines', DESCRIPTION.replace(/^(Product|Price|Profile|Proxy Details|Order Number|Email)\n/gm, '**$1:** ')],
    ['lower-case labels and blank lines', DESCRIPTION.replace(/^(Product|Price|Profile|Proxy Details|Order Number|Email)$/gm, (l) => `\n${l.toLowerCase()}`)],
    ['CRLF line breaks', DESCRIPTION.replaceAll('\n', '\r\n')],
  ])('tolerates %s in description', async (_name, description) => {
    expect(await parse({ embeds: [{ author: AUTHOR, description }] })).toMatchObject(EXPECTED)
  })

  it('unwraps spoilers and inline code around values', async () => {
    const fields = [
      { name: 'Order Number', value: '||#BBY01-807102506907||' },
      { name: 'Email', value: '||`buyer@example.com`||' },
      { name: 'Price', value: '**$299.99**' },
    ]
    expect(await parse({ embeds: [{ author: AUTHOR, fields }] })).toMatchObject({
      reference: 'BBY01-807102506907',
      amount: { minor: 29999, currency: 'USD' },
      details: { email: 'buyer@example.com' },
    })
  })

  it('unwraps a bold value on a "Label: Value" line, and the bold of a "**Label:**" line', () => {
    const read = (content: string) => readRefractMessage(refractPayloadSchema.parse({ content })).order
    expect(read('Order Number: **#BBY01-1**')).toEqual({ orderNumber: '#BBY01-1' })
    expect(read('**Order Number:** ||#BBY01-1||')).toEqual({ orderNumber: '#BBY01-1' })
    expect(read('__Email__: *a*@example.com')).toEqual({ email: '*a*@example.com' })
  })

  it('reads long and hostile text in linear time (no regex backtracking)', () => {
    const hostile = ['*'.repeat(200_000) + 'x', 'a' + ' '.repeat(200_000) + 'b', '!'.repeat(200_000) + 'a', '**'.repeat(100_000)]
    const started = performance.now()
    for (const text of hostile) {
      readRefractMessage(refractPayloadSchema.parse({ content: `${text}\nOrder Number\n${text}`, embeds: [{ author: { name: text }, title: text, description: text }] }))
      refractPrice(text)
    }
    expect(performance.now() - started).toBeLessThan(1_000)
  })

  it('a bare label followed by another label takes nothing from it', () => {
    const { order } = readRefractMessage(refractPayloadSchema.parse({ content: 'Email\nOrder Number\n#A-1' }))
    expect(order).toEqual({ orderNumber: '#A-1' })
  })
})

describe('refract labels (providers.md §5.2)', () => {
  it('reads every label of the observed message, Share Link and Image included', () => {
    const { headings, order, timestamp } = readRefractMessage(refractPayloadSchema.parse(refractSamples.completed()))
    expect(headings).toEqual([{ prefix: 'Successful Checkout', store: 'Best Buy US' }])
    expect(order).toEqual({
      product: 'Mini Kit AC Dual Band Wi-Fi System - White',
      price: '$299.99',
      profile: 'Main Profile #8',
      proxy: 'Resi Pool | http://user-7f3a:p4ss@resi.proxy.example:5959/',
      shareLink: '[Click Here](https://share.example/refract/c/8f2k1q)',
      orderNumber: '#BBY01-807102506907',
      email: 'checkout@example.com',
      image: 'https://images.example/products/6520468.jpg',
    })
    expect(timestamp).toBe('2025-11-14T18:32:05.000Z')
  })

  it('reads "Proxy List" as the proxy, and Quantity into details', async () => {
    const content = 'Successful Checkout | Best Buy US\nProxy List\nISP | http://u:p@isp.example:8000\nQuantity\n2\nOrder Number\n#X-2'
    const { order } = readRefractMessage(refractPayloadSchema.parse({ content }))
    expect(order.proxy).toBe('ISP | http://u:p@isp.example:8000')
    expect((await parse({ content })).details).toEqual({ store: 'Best Buy US', quantity: '2' })
  })

  it('never puts the proxy (it carries credentials) anywhere in the event but raw', async () => {
    for (const payload of [refractSamples.completed(), refractSamples.completedDescription(), refractSamples.completedContent()]) {
      const { raw: _raw, ...event } = await parse(payload)
      expect(JSON.stringify(event)).not.toMatch(/proxy|p4ss|5959/i)
    }
  })

  it('details are store, product, profile, email: no share link, image or price', async () => {
    expect((await parse(refractSamples.completed())).details).toEqual({
      store: 'Best Buy US',
      product: 'Mini Kit AC Dual Band Wi-Fi System - White',
      profile: 'Main Profile #8',
      email: 'checkout@example.com',
    })
  })

  it('takes the store only from the author line after "|"', async () => {
    // "Site/Store", "Size", "Mode", "Checkout Time" were never seen from Refract (§5.2): not read.
    const fields = [{ name: 'Order Number', value: '#1' }, { name: 'Site/Store', value: 'Walmart' }, { name: 'Store', value: 'Walmart' }, { name: 'Size', value: '10' }]
    const event = await parse({ embeds: [{ author: { name: 'Successful Checkout' }, fields }] })
    expect(event.details).toBeUndefined()
    expect(event.type).toBe('order.completed')
  })

  it("strips the Order Number's leading '#' for the reference", async () => {
    const event = await parse(refractSamples.completed())
    expect(event.reference).toBe('BBY01-807102506907')
    const plain = await parse({ embeds: [{ author: AUTHOR, fields: [{ name: 'Order Number', value: 'BBY01-1' }] }] })
    expect(plain.reference).toBe('BBY01-1')
  })

  it('uses embed.timestamp as occurredAt, and ignores one that is not a date', async () => {
    expect((await parse(refractSamples.completedDescription())).occurredAt).toEqual(new Date('2025-11-14T18:32:05.000Z'))
    const [embed] = refractSamples.completed().embeds as object[]
    expect((await parse({ embeds: [{ ...embed, timestamp: 'yesterday' }] })).occurredAt).toBeUndefined()
  })

  it('footer "Prism Technologies" and the Refract avatar are kept in raw', async () => {
    const event = await parse(refractSamples.completed())
    expect(event.raw.embeds?.[0]?.footer?.text).toBe('Prism Technologies')
    expect(event.raw.embeds?.[0]?.author?.icon_url).toBe('https://cdn.prismaio.com/refract/avatar.png')
  })

  it('does not enforce Discord limits: a 10 000-character description and 30 fields still parse', async () => {
    const long = `${DESCRIPTION}\nNotes\n${'x'.repeat(10_000)}`
    const fields = Array.from({ length: 30 }, (_, i) => ({ name: `Extra ${i}`, value: 'v' }))
    expect(await parse({ embeds: [{ author: AUTHOR, description: long, fields }] })).toMatchObject(EXPECTED)
  })
})

describe('refract prices', () => {
  it.each([
    ['$299.99', { minor: 29999, currency: 'USD' }],
    ['£49.50', { minor: 4950, currency: 'GBP' }],
    ['€1,299.00', { minor: 129900, currency: 'EUR' }],
    ['USD 299.99', { minor: 29999, currency: 'USD' }],
    ['299.99 USD', { minor: 29999, currency: 'USD' }],
    ['$299.99 USD', { minor: 29999, currency: 'USD' }],
    ['CA$129.99', { minor: 12999, currency: 'CAD' }],
    ['JPY 15000', { minor: 15000, currency: 'JPY' }],
    ['$20', { minor: 2000, currency: 'USD' }],
  ])('%s → %o', (price, money) => {
    expect(refractPrice(price)).toEqual(money)
  })

  it.each(['299.99', '$', 'free', '$299.99 EUR', '299,99 €', 'X$10', '$1,29.99', '$2.999'])('%s → no amount', (price) => {
    expect(refractPrice(price)).toBeUndefined()
  })

  it('leaves amount out of the event when the price cannot be read', async () => {
    const event = await parse({ embeds: [{ author: AUTHOR, fields: [{ name: 'Order Number', value: '#1' }, { name: 'Price', value: 'TBD' }] }] })
    expect(event.amount).toBeUndefined()
    expect(event.type).toBe('order.completed')
  })
})
