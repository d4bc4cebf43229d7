import { createHmac } from 'node:crypto'
import { request as httpRequest, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createPayhooks } from '../../src/create-payhooks.js'
import { azampay } from '../../src/providers/azampay/index.js'
import { datamart } from '../../src/providers/datamart/index.js'
import { refract } from '../../src/providers/refract/index.js'

// Shared by the glue tests: one set of hooks, and requests that a framework could plausibly mangle.

export const secrets = { datamart: 'dm_whsec_http_4c1e', refract: 'rf_tok_http_77aa', azampay: 'az_tok_http_19bd' }

/** Small enough that a 413 needs only a few kilobytes. */
export const MAX_BODY_BYTES = 4096

export function createTestHooks() {
  return createPayhooks({
    providers: [
      datamart({ webhookSecret: secrets.datamart }),
      refract({ token: secrets.refract }),
      azampay({ callbackToken: secrets.azampay }),
    ],
    maxBodyBytes: MAX_BODY_BYTES,
  })
}

/**
 * A Datamart webhook as a provider could really send it: pretty-printed, with non-ASCII text, signed
 * over exactly those bytes. Re-serializing (compact JSON) or re-decoding (latin1) breaks the signature,
 * and so does anything that does not pass the body through byte for byte.
 */
export function prettyUnicodeDatamart(reference = 'GN-ÜNICODE-1') {
  const body = JSON.stringify(
    {
      event: 'order.completed',
      timestamp: '2026-07-31T10:15:00.000Z',
      data: { orderReference: reference, network: 'AT – iShare', note: 'Akwaaba 🇬🇭 — “données” 数据', price: 23.5, status: 'completed' },
    },
    null,
    2,
  )
  const headers = {
    'content-type': 'application/json; charset=utf-8',
    'x-datamart-signature': createHmac('sha256', secrets.datamart).update(body, 'utf8').digest('hex'),
  }
  return { body, headers, reference }
}

export function refractCheckout(orderNumber = '#BBY01-1') {
  return JSON.stringify({
    embeds: [{ author: { name: 'Successful Checkout | Best Buy US' }, fields: [{ name: 'Order Number', value: orderNumber }, { name: 'Price', value: '$10.00' }] }],
  })
}

export async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

export function closeServer(server: Server): Promise<void> {
  server.closeAllConnections()
  return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())))
}

export interface ChunkedResult {
  status: number
  /** The response's Connection header. */
  connection: string | undefined
  body: string
}

/**
 * POSTs an endless chunked body (no content-length) and stops writing when the response arrives, so a
 * server that reads everything before answering would never answer within the cap of `maxBytes`.
 */
export function postEndlessChunked(url: string, maxBytes = 8 * 1024 * 1024): Promise<ChunkedResult> {
  return new Promise((resolve, reject) => {
    const chunk = Buffer.alloc(16 * 1024, 0x61)
    let bytesSent = 0
    let answered = false
    const req = httpRequest(url, { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } })
    req.on('response', (res) => {
      answered = true
      const parts: Buffer[] = []
      res.on('data', (part: Buffer) => parts.push(part))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body: Buffer.concat(parts).toString('utf8') }))
      res.on('error', reject)
    })
    // The server closes the connection after answering, so a write in flight may fail: expected.
    req.on('error', (error) => {
      if (!answered) reject(error)
    })
    function pump() {
      while (!answered && bytesSent < maxBytes) {
        bytesSent += chunk.byteLength
        if (!req.write(chunk)) return void req.once('drain', pump)
      }
      if (!answered) req.end()
    }
    pump()
  })
}
