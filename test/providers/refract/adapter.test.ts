import { describe, expect, it } from 'vitest'
import { refract } from '../../../src/providers/refract/index.js'
import { refractSamples } from '../../../src/providers/refract/samples.js'
import { refractTestKit } from '../../../src/providers/refract/test-kit.js'
import { toRequest } from '../../../src/core/test-kit.js'

const token = 'rf_tok_5d0c8a1e9b'
const adapter = refract({ token })
const parse = (payload: unknown) => adapter.parse({ body: JSON.stringify(payload), headers: {} })

describe('refract acknowledgement', () => {
  it.each(['applied', 'duplicate', 'stale', 'suspicious', 'test', 'unknown'] as const)(
    '%s → 204 with an empty body, like Discord',
    (outcome) => {
      expect(adapter.ack(outcome)).toEqual({ status: 204, headers: {}, body: '' })
    },
  )
})

describe('refract payload schema', () => {
  it.each([
    ['embeds that are not a list', { embeds: 'nope' }, 'embeds'],
    ['an embed that is not an object', { embeds: [null] }, 'embeds.0'],
    ['a field without value', { embeds: [{ fields: [{ name: 'Order Number' }] }] }, 'embeds.0.fields.0.value'],
    ['an author name that is not text', { embeds: [{ author: { name: 7 } }] }, 'embeds.0.author.name'],
    ['content that is not text', { content: 42 }, 'content'],
  ])('refuses %s with PAYLOAD_INVALID at %s', async (_what, payload, path) => {
    await expect(parse(payload)).rejects.toMatchObject({ code: 'PAYLOAD_INVALID', status: 400, path })
  })

  it.each([
    ['an empty object', {}],
    ['blank content only', { content: '  ', username: 'Refract' }],
    ['an empty embeds list', { embeds: [] }],
    ['nulls everywhere', { content: null, embeds: null, poll: null }],
  ])("refuses %s: Discord's rule needs content, embeds, components, attachments or poll", async (_what, payload) => {
    await expect(parse(payload)).rejects.toMatchObject({ code: 'PAYLOAD_INVALID', path: '(root)', message: expect.stringMatching(/at least one of content, embeds/) })
  })

  it('refuses a JSON array or string body', async () => {
    await expect(parse([refractSamples.completed()])).rejects.toMatchObject({ code: 'PAYLOAD_INVALID' })
    await expect(parse('Successful Checkout')).rejects.toMatchObject({ code: 'PAYLOAD_INVALID' })
  })

  it('keeps unknown fields and tolerates nulls that Discord libraries send', async () => {
    const payload = refractSamples.completed({ tts: false, flags: 4096, allowed_mentions: { parse: [] } })
    const [embed] = payload.embeds as Record<string, unknown>[]
    const event = await parse({ ...payload, embeds: [{ ...embed, url: null, image: null, thumbnail: { url: 'https://images.example/p.jpg', width: 64 }, video: {} }] })
    expect(event.type).toBe('order.completed')
    expect(event.raw).toMatchObject({ flags: 4096, allowed_mentions: { parse: [] } })
    expect(event.raw.embeds?.[0]).toMatchObject({ thumbnail: { url: 'https://images.example/p.jpg', width: 64 }, video: {} })
  })

  it('answers a body that is not JSON with PAYLOAD_INVALID_JSON, whatever the content type says', async () => {
    await expect(adapter.parse({ body: 'Successful Checkout | Best Buy US', headers: { 'content-type': 'text/plain' } })).rejects.toMatchObject({ code: 'PAYLOAD_INVALID_JSON', status: 400 })
  })
})

describe('refract event identity', () => {
  it('a redelivery has the same id; another order or another outcome does not', async () => {
    const first = await parse(refractSamples.completed())
    const again = await parse(refractSamples.completed())
    const other = await parse({ embeds: [{ author: { name: 'Successful Checkout | Best Buy US' }, fields: [{ name: 'Order Number', value: '#BBY01-1' }] }] })
    const failed = await parse(refractSamples.failed())
    expect(again.id).toBe(first.id)
    expect(other.id).not.toBe(first.id)
    expect(failed.id).not.toBe(first.id)
    expect(first.id).toContain('BBY01-807102506907')
  })

  it('parses a request signed by the kit, with a Headers instance and a Uint8Array body', async () => {
    const signed = await refractTestKit.sign(refractSamples.completedDescription(), { secret: token })
    const req = { ...toRequest(signed, new TextEncoder().encode(signed.body)), headers: new Headers(signed.headers) }
    expect((await adapter.verifySignature(req)).ok).toBe(true)
    expect(await adapter.parse(req)).toMatchObject({ provider: 'refract', type: 'order.completed', reference: 'BBY01-807102506907' })
  })
})
