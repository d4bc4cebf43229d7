// Cold start: a fresh Node process that imports one provider (DataMart, from dist/node) and verifies and
// parses its first event, against a fresh process that imports only node:crypto and does HMAC +
// timingSafeEqual + JSON.parse by hand. Wall time from spawn to exit, median of interleaved runs; CPU
// time too, which a busy machine disturbs less. A third process that only imports zod/mini shows how
// much of the difference is zod's module graph rather than payhooks. The provider process runs twice:
// importing dist/ and zod from node_modules, and bundled into one file the way a lambda or Worker
// bundler ships it (esbuild, platform node, zod included).
import { execFileSync } from 'node:child_process'
import { createHmac } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { testKits } from '../dist/node/testing.js'
import { median } from './measure.mjs'

const SECRET = 'bench-secret-7d41c2a9e5'
const script = (name) => fileURLToPath(new URL(`./cold-start/${name}.mjs`, import.meta.url))

/** Wall time from spawn to exit, plus the child's own reading of its time since start and its CPU time. */
function runOnce(file, args) {
  const start = process.hrtime.bigint()
  const out = JSON.parse(execFileSync(process.execPath, [file, ...args], { encoding: 'utf8' }))
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6
  if (out.result !== 'order.completed') throw new Error(`cold start: unexpected result ${out.result}`)
  return { wallMs, ms: out.ms, cpuMs: out.cpuMs }
}

export async function benchColdStart({ runs = 10 } = {}) {
  const signed = await testKits.datamart.sign(testKits.datamart.samples.completed(), { secret: SECRET })
  const args = [SECRET, signed.body, createHmac('sha256', SECRET).update(signed.body).digest('hex')]
  const dir = mkdtempSync(join(tmpdir(), 'payhooks-cold-start-'))
  const bundled = join(dir, 'provider.mjs')
  await build({ entryPoints: [script('provider')], bundle: true, platform: 'node', format: 'esm', outfile: bundled, logLevel: 'error' })
  const samples = { provider: [], bundled: [], byHand: [], zodOnly: [] }
  try {
    // Warms the OS file cache, as a deployed function's disk would be.
    for (const file of [script('provider'), bundled, script('by-hand'), script('zod-only')]) runOnce(file, args)
    for (let i = 0; i < runs; i++) {
      samples.byHand.push(runOnce(script('by-hand'), args))
      samples.provider.push(runOnce(script('provider'), args))
      samples.bundled.push(runOnce(bundled, args))
      samples.zodOnly.push(runOnce(script('zod-only'), args))
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  const summary = (key) => ({
    provider: median(samples.provider.map((s) => s[key])),
    bundled: median(samples.bundled.map((s) => s[key])),
    byHand: median(samples.byHand.map((s) => s[key])),
    zodOnly: median(samples.zodOnly.map((s) => s[key])),
  })
  const wall = summary('wallMs')
  const cpu = summary('cpuMs')
  return { provider: 'datamart', node: process.version, runs, wall, cpu }
}
