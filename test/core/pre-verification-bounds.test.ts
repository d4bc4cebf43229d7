import { createHmac } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import express from 'express'
import { afterEach, describe, expect, it } from 'vitest'
import { expressWebhooks } from 'payhooks/express'
import { toNodeHandler } from 'payhooks/node'
import { MAX_JSON_DEPTH } from '../../src/core/json-depth.js'
import type { ProviderName } from '../../src/core/event.js'
import { createPayhooks } from '../../src/create-payhooks.js'
import { testKits } from '../../src/providers/test-kits.js'
import type { SamplePayload, SignedWebhook } from '../../src/testing/types.js'
import { closeServer, listen } from '../http/http-fixtures.js'

// Hostile nesting, for every provider, in every place its code walks a body: nothing may throw out of
// handle() or the glue, no connection may be dropped, and every refusal reaches the delivery log.

const SECRET = 'bounds-secret-4b1d9e'
const PLACEHOLDER = '__deep_value__'
const LEVELS = [10, 100, 5_000, 50_000] as const

type Shape = 'object' | 'array'
/** `levels` nested containers: {"k":{"k":…{}}} or [[…[]]]. */
function deepText(shape: Shape, levels: number): string {
  return shape === 'array' ? '['.repeat(levels) + ']'.repeat(levels) : '{"k":'.repeat(levels - 1) + '{}' + '}'.repeat(levels - 1)
}

interface Place {
  name: string
  /** The sample with PLACEHOLDER where the deep value goes; undefined: the body is the deep value itself. */
  payload?: (sample: SamplePayload) => SamplePayload
  /** How many containers enclose the deep value (the root object is one). */
  level: number
  /** Where the deep value sits, as an error path names it. */
  path: string
  /** What a shallow (10-level) value there gets: accepted (2xx, unknown fields are kept) or refused (4xx). */
  shallow: 'accepted' | 'refused'
  /** Sent as multipart/form-data with the JSON in payload_json (Discord-format senders attaching files). */
  multipart?: boolean
}

const root: Place = { name: 'the body itself', level: 0, path: '', shallow: 'refused' }
const topLevel: Place = { name: 'an unknown top-level field', payload: (s) => ({ ...s, padding: PLACEHOLDER }), level: 1, path: 'padding', shallow: 'accepted' }
const inData: Place = {
  name: 'inside data',
  payload: (s) => ({ ...s, data: { ...(s.data as SamplePayload), extra: PLACEHOLDER } }),
  level: 2,
  path: 'data.extra',
  shallow: 'accepted',
}

const firstEmbed = (s: SamplePayload) => (s.embeds as SamplePayload[])[0] as SamplePayload
const withEmbed = (s: SamplePayload, embed: SamplePayload) => ({ ...s, embeds: [embed] })
const embedField: Place = {
  name: 'inside an embed field',
  payload: (s) => {
    const embed = firstEmbed(s)
    const [field, ...rest] = embed.fields as SamplePayload[]
    return withEmbed(s, { ...embed, fields: [{ ...field, extra: PLACEHOLDER }, ...rest] })
  },
  level: 5,
  path: 'embeds.0.fields.0.extra',
  shallow: 'accepted',
}

/** Every place each provider's code reads before (and while) verifying. */
const PLACES = {
  clickpesa: [
    root,
    topLevel,
    inData,
    {
      name: 'inside data.customer',
      payload: (s) => {
        const data = s.data as SamplePayload
        return { ...s, data: { ...data, customer: { ...(data.customer as SamplePayload), extra: PLACEHOLDER } } }
      },
      level: 3,
      path: 'data.customer.extra',
      shallow: 'accepted',
    },
  ],
  datamart: [root, topLevel, inData],
  midtrans: [
    root,
    topLevel,
    {
      name: 'inside va_numbers',
      payload: (s) => ({ ...s, va_numbers: [{ bank: 'bca', va_number: '12345678901', extra: PLACEHOLDER }] }),
      level: 3,
      path: 'va_numbers.0.extra',
      shallow: 'accepted',
    },
  ],
  azampay: [
    root,
    topLevel,
    {
      name: 'inside additionalProperties',
      payload: (s) => ({ ...s, additionalProperties: { extra: PLACEHOLDER } }),
      level: 2,
      path: 'additionalProperties.extra',
      shallow: 'accepted',
    },
  ],
  refract: [
    root,
    topLevel,
    { name: 'inside an embed', payload: (s) => withEmbed(s, { ...firstEmbed(s), extra: PLACEHOLDER }), level: 3, path: 'embeds.0.extra', shallow: 'accepted' },
    embedField,
    { ...embedField, name: 'inside an embed field of a multipart payload_json', multipart: true },
  ],
} satisfies Record<ProviderName, Place[]>

const BOUNDARY = 'payhooks-bounds-7c1e'
function multipart(json: string): string {
  return `--${BOUNDARY}\r\nContent-Disposition: form-data; name="payload_json"\r\nContent-Type: application/json\r\n\r\n${json}\r\n--${BOUNDARY}--\r\n`
}

/**
 * Signed as well as the provider allows: a URL token (AzamPay, Refract) and Midtrans's three signed
 * fields are untouched by the deep value; DataMart's HMAC is computed over the final bytes; a ClickPesa
 * checksum covers the canonical form of the whole payload, which exists only within the depth bound, so
 * a deeper ClickPesa body carries a forged checksum (as an attacker's would).
 */
async function deliveryFor(provider: ProviderName, place: Place, value: string, totalDepth: number): Promise<SignedWebhook> {
  const kit = testKits[provider]
  const sample = kit.samples.completed()
  const signed = await kit.sign(place.payload === undefined ? sample : place.payload(sample), { secret: SECRET })
  let body = place.payload === undefined ? value : signed.body.replace(JSON.stringify(PLACEHOLDER), value)
  const headers = { ...signed.headers }
  if (provider === 'clickpesa' && place.payload !== undefined && totalDepth <= MAX_JSON_DEPTH) {
    const { checksum: _forged, ...payload } = JSON.parse(body) as SamplePayload
    body = (await kit.sign(payload, { secret: SECRET })).body
  }
  if (provider === 'datamart') headers['x-datamart-signature'] = createHmac('sha256', SECRET).update(body).digest('hex')
  if (place.multipart) {
    body = multipart(body)
    headers['content-type'] = `multipart/form-data; boundary=${BOUNDARY}`
  }
  return { ...signed, body, headers }
}

interface Case {
  label: string
  provider: ProviderName
  delivery: SignedWebhook
  /** 'refused': any 4xx with an error code (which one is the provider's ordinary answer to that shape). */
  expected: { kind: 'accepted' } | { kind: 'refused' } | { kind: 'exactly'; status: number; code: string; pathPrefix?: string }
}

async function casesFor(provider: ProviderName): Promise<Case[]> {
  const cases: Case[] = []
  for (const place of PLACES[provider] as Place[]) {
    for (const levels of LEVELS) {
      for (const shape of ['object', 'array'] as const) {
        const totalDepth = place.level + levels
        const delivery = await deliveryFor(provider, place, deepText(shape, levels), totalDepth)
        const label = `${provider}: ${levels} levels of ${shape}s ${place.name}`
        if (totalDepth > MAX_JSON_DEPTH) {
          cases.push({ label, provider, delivery, expected: { kind: 'exactly', status: 400, code: 'PAYLOAD_INVALID', pathPrefix: place.path } })
        } else if (place.shallow === 'accepted') {
          cases.push({ label, provider, delivery, expected: { kind: 'accepted' } })
        } else {
          cases.push({ label, provider, delivery, expected: { kind: 'refused' } })
        }
      }
    }
  }
  return cases
}

/** Forgeries: nothing walks them further than the bound either. */
async function forgedCases(): Promise<Case[]> {
  const datamart = await deliveryFor('datamart', inData, deepText('object', 50_000), 50_002)
  const clickpesa = await deliveryFor('clickpesa', inData, deepText('array', 10), 12)
  return [
    {
      // The re-serialized fallback is not tried past the bound; the raw HMAC simply does not match.
      label: 'datamart: a forged signature over 50 000 levels',
      provider: 'datamart',
      delivery: { ...datamart, headers: { ...datamart.headers, 'x-datamart-signature': '0'.repeat(64) } },
      expected: { kind: 'exactly', status: 401, code: 'SIGNATURE_MISMATCH' },
    },
    {
      label: 'clickpesa: a forged checksum over 10 levels',
      provider: 'clickpesa',
      delivery: { ...clickpesa, body: clickpesa.body.replace(/"checksum":"[0-9a-f]+"/, `"checksum":"${'0'.repeat(64)}"`) },
      expected: { kind: 'exactly', status: 401, code: 'SIGNATURE_MISMATCH' },
    },
  ]
}

function createHooks() {
  return createPayhooks({ providers: Object.values(testKits).map((kit) => kit.createAdapter([SECRET])) })
}
type Hooks = ReturnType<typeof createHooks>

/** One answer, however it was obtained, against what the case expects; and the delivery log's newest entry. */
async function check(hooks: Hooks, item: Case, status: number, body: string): Promise<void> {
  const [logged] = await hooks.deliveries({ limit: 1 })
  expect(logged?.provider, item.label).toBe(item.provider)
  if (item.expected.kind === 'accepted') {
    expect(status >= 200 && status < 300, `${item.label}: ${status} ${body}`).toBe(true)
    expect(logged?.outcome, item.label).not.toBe('rejected')
    return
  }
  const answer = JSON.parse(body) as { error: { code: string; hint: string; path?: string } }
  expect(answer.error, item.label).toMatchObject({ code: expect.stringMatching(/^[A-Z_]+$/), hint: expect.stringMatching(/\S/) })
  if (item.expected.kind === 'refused') {
    expect(status >= 400 && status < 500, `${item.label}: ${status} ${body}`).toBe(true)
  } else {
    const { code, pathPrefix } = item.expected
    expect(status, `${item.label}: ${body}`).toBe(item.expected.status)
    expect(answer.error.code, item.label).toBe(code)
    if (pathPrefix !== undefined) {
    expect(answer.error.path, item.label).toMatch(/\S/)
      expect(answer.error.path?.startsWith(pathPrefix), `${item.label}: path ${answer.error.path}`).toBe(true)
    }
  }
  expect(logged, item.label).toMatchObject({ outcome: 'rejected', errorCode: answer.error.code })
}

const allCases = async () => [...(await Promise.all(Object.keys(PLACES).map((p) => casesFor(p as ProviderName)))).flat(), ...(await forgedCases())]

let server: Server | undefined
afterEach(async () => {
  if (server !== undefined) await closeServer(server)
  server = undefined
})

async function post(base: string, delivery: SignedWebhook): Promise<{ status: number; body: string }> {
  const response = await fetch(`${base}${delivery.url}`, { method: 'POST', headers: delivery.headers, body: delivery.body })
  return { status: response.status, body: await response.text() }
}

describe(`pre-verification bounds (objects and arrays nested past MAX_JSON_DEPTH = ${MAX_JSON_DEPTH})`, () => {
  it('the reported crash: a 27 kB ClickPesa body nested 4 500 levels is a logged 400, through handle, node:http and Express', async () => {
    const body = `{"event":"PAYMENT RECEIVED","checksum":"${'0'.repeat(64)}","data":{"orderReference":"ORD1","extra":${deepText('object', 4_500)}}}`
    expect(body.length).toBeGreaterThan(27_000)
    const hooks = createHooks()
    const answers: { status: number; body: string }[] = [await hooks.handle('clickpesa', { body, headers: { 'content-type': 'application/json' }, method: 'POST' })]
    const app = express()
    app.use('/webhooks', expressWebhooks(hooks))
    for (const handler of [toNodeHandler(hooks), app]) {
      server = createServer(handler)
      answers.push(await post(await listen(server), { body, headers: { 'content-type': 'application/json' }, url: '/webhooks/clickpesa' }))
      await closeServer(server)
      server = undefined
    }
    for (const answer of answers) {
      expect(answer.status).toBe(400)
      expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'PAYLOAD_INVALID', path: expect.stringMatching(/^data\.extra\.k\.k/) } })
    }
    const logged = await hooks.deliveries()
    expect(logged).toHaveLength(3)
    expect(logged.every((d) => d.provider === 'clickpesa' && d.outcome === 'rejected' && d.errorCode === 'PAYLOAD_INVALID' && !d.verified)).toBe(true)
  })

  it('hooks.handle() never throws and answers every case as expected, logging each delivery', async () => {
    const hooks = createHooks()
    for (const item of await allCases()) {
      const response = await hooks.handle(item.provider, { body: item.delivery.body, headers: item.delivery.headers, url: item.delivery.url, method: 'POST' })
      await check(hooks, item, response.status, response.body)
    }
  })

  it('the node:http glue on 127.0.0.1 answers every case without dropping the connection', async () => {
    const hooks = createHooks()
    server = createServer(toNodeHandler(hooks))
    const base = await listen(server)
    for (const item of await allCases()) {
      const { status, body } = await post(base, item.delivery)
      await check(hooks, item, status, body)
    }
  })

  it('the Express router answers every case itself (no 500 from the error handler)', async () => {
    const hooks = createHooks()
    const app = express()
    app.use('/webhooks', expressWebhooks(hooks))
    server = createServer(app)
    const base = await listen(server)
    for (const item of await allCases()) {
      const { status, body } = await post(base, item.delivery)
      await check(hooks, item, status, body)
    }
  })
})
