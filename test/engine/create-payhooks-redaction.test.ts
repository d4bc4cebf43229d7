import { describe, expect, it } from 'vitest'
import { createPayhooks } from '../../src/create-payhooks.js'
import type { Delivery } from '../../src/engine/types.js'
import { azampay } from '../../src/providers/azampay/index.js'
import { azampaySamples } from '../../src/providers/azampay/samples.js'
import { refract } from '../../src/providers/refract/index.js'
import { refractSamples } from '../../src/providers/refract/samples.js'
import { memoryStore } from '../../src/stores/memory-store.js'
import {
  ESCAPED_TOKEN,
  leaks,
  PLAIN_TOKEN,
  urlCases,
  WRONG_ESCAPED_TOKEN,
  WRONG_PLAIN_TOKEN,
  type Position,
} from './fixtures/redaction-cases.js'

/**
 * Through the engine, as a host runs it: for every URL form × token position, right and wrong tokens,
 * what the delivery log keeps (url, headers, body) holds no trace of any token. Verification's verdict
 * is asserted too, so the accepted forms (the ones that used to leak) are really in the table.
 */

const CONFIGURED = [PLAIN_TOKEN, ESCAPED_TOKEN]
const WRONG = [WRONG_PLAIN_TOKEN, WRONG_ESCAPED_TOKEN]
const ALL = [...CONFIGURED, ...WRONG]
/** Where verification reads a token; `fragment` is a form it does not read (a token there is never sent). */
const READ_POSITIONS: Position[] = ['query', 'leading-? query', 'encoded-name query', 'repeated query']

function hooks() {
  return createPayhooks({
    providers: [refract({ token: CONFIGURED }), azampay({ callbackToken: CONFIGURED })],
    store: memoryStore(),
  })
}

async function lastDelivery(payhooks: ReturnType<typeof hooks>): Promise<Delivery> {
  const [delivery] = await payhooks.deliveries({ limit: 1 })
  return delivery as Delivery
}

function logged(delivery: Delivery): string {
  return JSON.stringify({ url: delivery.url, headers: delivery.headers, body: delivery.body })
}

/** One line per leak, naming the form, so a failure lists every form that leaks at once. */
function leakReport(name: string, delivery: Delivery): string[] {
  const found = leaks(logged(delivery), ALL)
  return found.length === 0 ? [] : [`${name}: logged ${delivery.url} (${found.join(', ')})`]
}

const JSON_HEADERS = { 'content-type': 'application/json' }
const refractBody = JSON.stringify(refractSamples.completed())
const azampayBody = JSON.stringify(azampaySamples.completed())

describe('the delivery log never holds a URL token (createPayhooks + memoryStore)', () => {
  for (const token of ALL) {
    const right = CONFIGURED.includes(token)

    it(`refract, ${right ? 'configured' : 'wrong'} token ${JSON.stringify(token)}: every URL form`, async () => {
      const payhooks = hooks()
      const cases = urlCases('refract', token, ['path', ...READ_POSITIONS, 'fragment'])
      const problems: string[] = []
      let accepted = 0
      for (const { name, url, position } of cases) {
        const response = await payhooks.handle('refract', { method: 'POST', url, headers: JSON_HEADERS, body: refractBody })
        const expected = right && position !== 'fragment' ? 204 : 401
        if (response.status !== expected) problems.push(`${name}: answered ${response.status}, not ${expected}`)
        if (response.status < 300) accepted++
        problems.push(...leakReport(name, await lastDelivery(payhooks)))
      }
      expect(problems).toEqual([])
      expect(accepted).toBe(right ? cases.filter((c) => c.position !== 'fragment').length : 0)
    })

    it(`azampay, ${right ? 'configured' : 'wrong'} token ${JSON.stringify(token)}: every query form, and the X-Callback-Token header`, async () => {
      const payhooks = hooks()
      const inUrl = urlCases('azampay', token, [...READ_POSITIONS, 'fragment']).map((c) => ({ ...c, headers: JSON_HEADERS }))
      // The header carries the token when the URL does not: every form without ?token=.
      const inHeader = urlCases('azampay', 'no-token-here', ['fragment']).map((c) => ({
        ...c,
        name: `header | ${c.name}`,
        position: 'header' as const,
        headers: { ...JSON_HEADERS, 'X-Callback-Token': token },
      }))
      const problems: string[] = []
      for (const { name, url, position, headers } of [...inUrl, ...inHeader]) {
        const response = await payhooks.handle('azampay', { method: 'POST', url, headers, body: azampayBody })
        const expected = right && position !== 'fragment' ? 200 : 401
        if (response.status !== expected) problems.push(`${name}: answered ${response.status}, not ${expected}`)
        problems.push(...leakReport(name, await lastDelivery(payhooks)))
      }
      expect(problems).toEqual([])
    })
  }

  it('azampay password in the body, however JSON spells the field name', async () => {
    const payhooks = createPayhooks({ providers: [azampay({ password: CONFIGURED })], store: memoryStore() })
    for (const token of ALL) {
      for (const key of ['"password"', '"pass\\u0077ord"', '"\\u0070assword"']) {
        const body = azampayBody.replace('"password":null', `${key}:${JSON.stringify(token)}`)
        expect(body).not.toBe(azampayBody)
        const response = await payhooks.handle('azampay', { method: 'POST', url: '/webhooks/azampay', headers: JSON_HEADERS, body })
        expect(response.status, `${key} ${token}`).toBe(CONFIGURED.includes(token) ? 200 : 401)
        expect(leaks(logged(await lastDelivery(payhooks)), ALL), `${key} ${token}`).toEqual([])
      }
    }
  })

  it('a request routed to no registered provider: the last segment, the query and the providers\' secret headers are hidden', async () => {
    const payhooks = hooks()
    const problems: string[] = []
    for (const token of ALL) {
      for (const { name, url } of urlCases('refrakt', token, ['path', ...READ_POSITIONS])) {
        const headers = { ...JSON_HEADERS, 'x-callback-token': token, referer: url }
        const response = await payhooks.handle('refrakt', { method: 'POST', url, headers, body: refractBody })
        expect(response.status).toBe(404)
        const delivery = await lastDelivery(payhooks)
        expect(delivery.provider).toBe('(unknown)')
        problems.push(...leakReport(name, delivery))
      }
    }
    expect(problems).toEqual([])
  })
})
