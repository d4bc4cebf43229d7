// verify + parse + normalize per provider, against the floor measured in the same process:
// node:crypto HMAC-SHA256 + timingSafeEqual + JSON.parse of the same body. Two libraries that do less
// (no validation, no normalization) run on the same body in the same rounds: @octokit/webhooks-methods'
// verify and stripe's webhooks.constructEvent (HMAC + compare + JSON.parse). Ratios, not absolute
// times, are what compare across machines.
import { createHmac, timingSafeEqual } from 'node:crypto'
import { verify as octokitVerify } from '@octokit/webhooks-methods'
import Stripe from 'stripe'
import { testKits } from '../dist/node/testing.js'
import { median, measure } from './measure.mjs'

const SECRET = 'bench-secret-7d41c2a9e5'
const TARGET_BYTES = 600
const stripe = new Stripe('sk_test_bench')

/** The documented sample, padded with an unknown field (which every adapter must tolerate) to ~600 bytes. */
async function signedSample(kit) {
  const sample = kit.samples.completed()
  const size = JSON.stringify(sample).length
  const padded = size < TARGET_BYTES ? { ...sample, bench_note: 'x'.repeat(TARGET_BYTES - size - 16) } : sample
  return kit.sign(padded, { secret: SECRET })
}

function floorFor(signed) {
  const expected = createHmac('sha256', SECRET).update(signed.body).digest('hex')
  return () => {
    const mac = createHmac('sha256', SECRET).update(signed.body).digest('hex')
    if (!timingSafeEqual(Buffer.from(mac), Buffer.from(expected))) throw new Error('floor: mismatch')
    return JSON.parse(signed.body)
  }
}

function octokitFor(signed) {
  const signature = `sha256=${createHmac('sha256', SECRET).update(signed.body).digest('hex')}`
  return async () => {
    if (!(await octokitVerify(SECRET, signed.body, signature))) throw new Error('octokit: mismatch')
    return JSON.parse(signed.body)
  }
}

function stripeFor(signed) {
  const header = stripe.webhooks.generateTestHeaderString({ payload: signed.body, secret: SECRET })
  return () => stripe.webhooks.constructEvent(signed.body, header, SECRET)
}

/** Only the request construction of oursFor: `{ ...incoming, body }` alone costs ~1 µs on Node 20. */
function spreadFor(signed) {
  const incoming = { headers: signed.headers, url: signed.url, method: 'POST' }
  let last
  return () => {
    last = { ...incoming, body: signed.body }
    return last
  }
}

function oursFor(adapter, signed) {
  // What the HTTP glue hands the engine: the request it read, spread with the raw body, fresh per delivery.
  const incoming = { headers: signed.headers, url: signed.url, method: 'POST' }
  return async () => {
    const req = { ...incoming, body: signed.body }
    const verdict = await adapter.verifySignature(req)
    if (!verdict.ok) throw new Error(`verify failed: ${verdict.error.message}`)
    return adapter.parse(req)
  }
}

export async function benchAdapters({ rounds = 15, iterations = 20_000 } = {}) {
  const rows = []
  const webKits = (await import('../dist/web/testing.js')).testKits
  for (const [name, kit] of Object.entries(testKits)) {
    const signed = await signedSample(kit)
    const runners = {
      floor: floorFor(signed),
      node: oursFor(kit.createAdapter([SECRET]), signed),
      web: oursFor(webKits[name].createAdapter([SECRET]), signed),
      octokit: octokitFor(signed),
      stripe: stripeFor(signed),
      spread: spreadFor(signed),
    }
    const samples = Object.fromEntries(Object.keys(runners).map((key) => [key, []]))
    for (let round = 0; round < rounds; round++) {
      // Interleaved, so that drift in machine load hits all of them alike; each ratio is taken per round.
      const ns = {}
      for (const [key, run] of Object.entries(runners)) ns[key] = await measure(run, key === 'web' ? iterations / 10 : iterations)
      for (const key of Object.keys(runners)) samples[key].push(key === 'floor' ? ns.floor : ns[key] / ns.floor)
    }
    const floorNs = median(samples.floor)
    rows.push({
      provider: name,
      bytes: Buffer.byteLength(signed.body),
      floorNs,
      nodeRatio: median(samples.node),
      webRatio: median(samples.web),
      octokitRatio: median(samples.octokit),
      stripeRatio: median(samples.stripe),
      spreadRatio: median(samples.spread),
    })
  }
  return rows
}
