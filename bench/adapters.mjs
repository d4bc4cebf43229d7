// verify + parse + normalize per provider, against the floor measured in the same process:
// node:crypto HMAC-SHA256 + timingSafeEqual + JSON.parse of the same body. Ratios, not absolute times,
// are what compare across machines.
import { createHmac, timingSafeEqual } from 'node:crypto'
import { testKits } from '../dist/node/testing.js'
import { median, measure } from './measure.mjs'

const SECRET = 'bench-secret-7d41c2a9e5'
const TARGET_BYTES = 600

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

function oursFor(adapter, signed) {
  return async () => {
    // A fresh request object per delivery, as a server would build one.
    const req = { body: signed.body, headers: signed.headers, url: signed.url, method: 'POST' }
    const verdict = await adapter.verifySignature(req)
    if (!verdict.ok) throw new Error(`verify failed: ${verdict.error.message}`)
    return adapter.parse(req)
  }
}

export async function benchAdapters({ rounds = 15, iterations = 20_000 } = {}) {
  const rows = []
  for (const [name, kit] of Object.entries(testKits)) {
    const webKit = (await import(`../dist/web/testing.js`)).testKits[name]
    const signed = await signedSample(kit)
    const floor = floorFor(signed)
    const node = oursFor(kit.createAdapter([SECRET]), signed)
    const web = oursFor(webKit.createAdapter([SECRET]), signed)
    const samples = { floor: [], node: [], web: [] }
    for (let round = 0; round < rounds; round++) {
      // Interleaved, so that drift in machine load hits all three alike.
      samples.floor.push(await measure(floor, iterations))
      samples.node.push(await measure(node, iterations))
      samples.web.push(await measure(web, iterations))
    }
    const floorNs = median(samples.floor)
    rows.push({
      provider: name,
      bytes: Buffer.byteLength(signed.body),
      floorNs,
      nodeNs: median(samples.node),
      webNs: median(samples.web),
      nodeRatio: median(samples.node) / floorNs,
      webRatio: median(samples.web) / floorNs,
    })
  }
  return rows
}
