// Run by bench/runtimes.mjs inside one runtime (Node, Bun or Deno): verifySignature throughput of the
// node:crypto build and the WebCrypto build, side by side, for every provider whose signature covers the
// body (the token-only ones hash nothing). Prints one JSON line. Web-standard timers only, so that every
// runtime measures the same way.
const builds = {
  node: await import('../dist/node/testing.js'),
  web: await import('../dist/web/testing.js'),
}
const SECRET = 'bench-secret-7d41c2a9e5'
const ROUNDS = Number(globalThis.process?.env.PAYHOOKS_BENCH_ROUNDS ?? 7)
const ITERATIONS = 5_000

function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

async function verifier(kit) {
  const signed = await kit.sign(kit.samples.completed(), { secret: SECRET })
  const adapter = kit.createAdapter([SECRET])
  return async () => {
    const verdict = await adapter.verifySignature({ body: signed.body, headers: signed.headers, url: signed.url, method: 'POST' })
    if (!verdict.ok) throw new Error(`verify failed: ${verdict.error.message}`)
  }
}

/** Nanoseconds per awaited call, after a warm-up. */
async function nsPerCall(fn) {
  for (let i = 0; i < 1_000; i++) await fn()
  const start = performance.now()
  for (let i = 0; i < ITERATIONS; i++) await fn()
  return ((performance.now() - start) * 1e6) / ITERATIONS
}

const providers = {}
for (const [provider, kit] of Object.entries(builds.node.testKits)) {
  if (!kit.signsBody) continue
  const verify = { node: await verifier(kit), web: await verifier(builds.web.testKits[provider]) }
  const samples = { node: [], web: [] }
  // Interleaved rounds, so that drift in machine load hits both builds alike.
  for (let round = 0; round < ROUNDS; round++) for (const build of ['node', 'web']) samples[build].push(await nsPerCall(verify[build]))
  providers[provider] = { node: median(samples.node), web: median(samples.web) }
}
// What the runtime picks through the package's exports (self-reference: this repository is `payhooks`).
const { cryptoBuild } = await import('payhooks/testing')
console.log(JSON.stringify({ cryptoBuild, providers }))
