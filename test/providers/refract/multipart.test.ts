import { describe, expect, it } from 'vitest'
import type { WebhookRequest } from '../../../src/core/request.js'
import { refract } from '../../../src/providers/refract/index.js'
import { refractSamples } from '../../../src/providers/refract/samples.js'

const token = 'rf_tok_5d0c8a1e9b'
const adapter = refract({ token })
const url = `/webhooks/refract/${token}`

/** A real multipart/form-data body as a Discord-format sender builds it: payload_json plus files[n] (providers.md §5.3). */
async function multipart(parts: [name: string, value: string | Blob, filename?: string][]): Promise<WebhookRequest> {
  const form = new FormData()
  for (const [name, value, filename] of parts) {
    if (typeof value === 'string') form.append(name, value)
    else form.append(name, value, filename)
  }
  const response = new Response(form)
  const contentType = response.headers.get('content-type') as string
  return { body: new Uint8Array(await response.arrayBuffer()), headers: { 'Content-Type': contentType }, url, method: 'POST' }
}

const text = (req: WebhookRequest) => new TextDecoder().decode(req.body as Uint8Array)
const boundaryOf = (req: WebhookRequest) => /boundary=(.+)$/.exec((req.headers as Record<string, string>)['Content-Type'] as string)?.[1] as string

describe('refract multipart/form-data', () => {
  it('reads the message from payload_json, beside a binary file part', async () => {
    const png = new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xfe, 0x00, 0xc3])], { type: 'image/png' })
    const req = await multipart([
      ['files[0]', png, 'checkout.png'],
      ['payload_json', JSON.stringify(refractSamples.completed())],
    ])
    expect(text(req)).toContain('name="payload_json"')
    expect((await adapter.verifySignature(req)).ok).toBe(true)
    const event = await adapter.parse(req)
    expect(event).toMatchObject({ type: 'order.completed', reference: 'BBY01-807102506907', amount: { minor: 29999, currency: 'USD' } })
  })

  it('gives the same event as the JSON body', async () => {
    const fromForm = await adapter.parse(await multipart([['payload_json', JSON.stringify(refractSamples.completed())]]))
    const fromJson = await adapter.parse({ body: JSON.stringify(refractSamples.completed()), headers: {}, url })
    expect({ ...fromForm, raw: undefined }).toEqual({ ...fromJson, raw: undefined })
  })

  it('reads a string body, a quoted boundary and a preamble', async () => {
    const req = await multipart([['payload_json', JSON.stringify(refractSamples.testNotification())]])
    const boundary = boundaryOf(req)
    const event = await adapter.parse({
      body: `This is a preamble.\r\n${text(req)}`,
      headers: { 'content-type': `Multipart/Form-Data; charset=utf-8; boundary="${boundary}"` },
    })
    expect(event.type).toBe('test')
  })

  it('keeps non-ASCII text in payload_json intact', async () => {
    const payload = refractSamples.completed()
    const [embed] = payload.embeds as Record<string, unknown>[]
    const req = await multipart([['payload_json', JSON.stringify({ ...payload, embeds: [{ ...embed, author: { name: 'Successful Checkout | Zalando DE – Größe' } }] })]])
    expect((await adapter.parse(req)).details?.store).toBe('Zalando DE – Größe')
  })

  it('refuses a form without payload_json with PAYLOAD_INVALID at payload_json', async () => {
    const req = await multipart([['content', 'Successful Checkout | Best Buy US'], ['files[0]', new Blob(['x']), 'a.txt']])
    await expect(adapter.parse(req)).rejects.toMatchObject({ code: 'PAYLOAD_INVALID', status: 400, path: 'payload_json', hint: expect.stringMatching(/payload_json/) })
  })

  it('refuses invalid JSON in payload_json with PAYLOAD_INVALID_JSON', async () => {
    const req = await multipart([['payload_json', '{"embeds": [']])
    await expect(adapter.parse(req)).rejects.toMatchObject({ code: 'PAYLOAD_INVALID_JSON', status: 400 })
  })

  it('validates payload_json against the schema, naming the path', async () => {
    const req = await multipart([['payload_json', JSON.stringify({ embeds: 'nope' })]])
    await expect(adapter.parse(req)).rejects.toMatchObject({ code: 'PAYLOAD_INVALID', path: 'embeds' })
  })

  it('refuses two payload_json parts', async () => {
    const req = await multipart([['payload_json', '{"content":"a"}'], ['payload_json', '{"content":"b"}']])
    await expect(adapter.parse(req)).rejects.toMatchObject({ code: 'PAYLOAD_INVALID', message: expect.stringMatching(/two payload_json/) })
  })

  it.each([
    ['no boundary in Content-Type', (body: string) => ({ body, contentType: 'multipart/form-data' }), /no boundary/],
    ['another boundary', (body: string) => ({ body, contentType: 'multipart/form-data; boundary=elsewhere' }), /never occurs/],
    ['a truncated body', (body: string, b: string) => ({ body: body.slice(0, body.indexOf(`--${b}--`) - 2), contentType: `multipart/form-data; boundary=${b}` }), /closing boundary/],
    ['LF instead of CRLF', (body: string, b: string) => ({ body: body.replaceAll('\r\n', '\n'), contentType: `multipart/form-data; boundary=${b}` }), /never occurs|CRLF/],
  ])('refuses a malformed body (%s) with PAYLOAD_INVALID', async (_what, mangle, message) => {
    const req = await multipart([['payload_json', JSON.stringify(refractSamples.completed())]])
    const { body, contentType } = mangle(text(req), boundaryOf(req))
    await expect(adapter.parse({ body, headers: { 'content-type': contentType } })).rejects.toMatchObject({ code: 'PAYLOAD_INVALID', message: expect.stringMatching(message) })
  })

  it('refuses a parsed object as body with PAYLOAD_NOT_RAW', async () => {
    const req = await multipart([['payload_json', '{"content":"a"}']])
    await expect(adapter.parse({ ...req, body: { content: 'a' } as unknown as string })).rejects.toMatchObject({ code: 'PAYLOAD_NOT_RAW' })
  })
})
