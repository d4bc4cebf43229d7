// RSS across 100 000 deliveries through the whole engine, on SQLite and on the memory store: it must
// stay flat (±10 %). Bounded in count (the deliveries) and in time (it stops at `maxSeconds`).
import { spawn } from 'node:child_process'
import { createHmac } from 'node:crypto'
import { once } from 'node:events'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { callbackNotifier, createPayhooks, datamart, memoryStore } from '../dist/node/index.js'
import { sqliteStore } from '../dist/node/stores/sqlite.js'
import { testKits } from '../dist/node/testing.js'

const stores = {
  sqlite: () => sqliteStore({ filename: join(mkdtempSync(join(tmpdir(), 'payhooks-rss-')), 'rss.db') }),
  memory: () => memoryStore(),
}

export async function benchMemory({ store = 'sqlite', deliveries = 100_000, maxSeconds = 120 } = {}) {
  const secret = 'bench-memory-secret'
  const hooks = createPayhooks({
    providers: [datamart({ webhookSecret: secret })],
    store: stores[store](),
    notifiers: [callbackNotifier(() => {}, { name: 'noop' })],
  })
  const kit = testKits.datamart
  const templates = await Promise.all(['processing', 'completed'].map((name) => kit.sign(kit.samples[name](), { secret })))
  // After a forced GC: RSS, and the V8 heap in use, which tells the JS state from native memory and
  // from heap pages V8 keeps after collecting.
  const heapSamples = []
  const rss = () => {
    globalThis.gc?.()
    const usage = process.memoryUsage()
    heapSamples.push(usage.heapUsed / 2 ** 20)
    return usage.rss
  }
  // Sampled every 10 000 deliveries after a 20 000 warm-up (the SQLite page cache and V8's heap grow to
  // their working size first); flat means the samples stay within ±10 % of each other.
  const samples = []
  const started = process.hrtime.bigint()
  let done = 0
  for (let i = 0; i < deliveries; i++) {
    if (i % 1000 === 0 && Number(process.hrtime.bigint() - started) / 1e9 > maxSeconds) break
    // 1 000 orders cycled: new records, transitions, duplicates and stale events all occur.
    const template = templates[i % 2]
    const body = template.body.replace('GN-AB12CD34', `GN-${i % 1000}-${Math.floor(i / 4000)}`)
    const signature = createHmac('sha256', secret).update(body).digest('hex')
    const res = await hooks.handle('datamart', { body, headers: { ...template.headers, 'x-datamart-signature': signature }, method: 'POST' })
    if (res.status !== 200) throw new Error(`delivery ${i} answered ${res.status}`)
    if (i >= 20_000 && i % 10_000 === 0) samples.push(rss())
    done = i + 1
  }
  await hooks.idle()
  samples.push(rss())
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  await hooks.close()
  const min = Math.min(...samples)
  const max = Math.max(...samples)
  return { store, deliveries: done, firstMiB: samples[0] / 2 ** 20, minMiB: min / 2 ** 20, maxMiB: max / 2 ** 20, lastMiB: samples.at(-1) / 2 ** 20, spread: max / min - 1, perSecond: done / seconds, samplesMiB: samples.map((b) => b / 2 ** 20), heapMiB: heapSamples }
}

/**
 * benchMemory in a fresh `node --expose-gc` process, so that the RSS is this store's alone. V8 sizes its
 * young generation to the allocation rate, growing it to 16 MiB a semi-space some time into the run:
 * without --min-semi-space-size=16 that growth shows as one ~15 MiB step in RSS (measured on SQLite:
 * 97.8 → 113.6 MiB between 30 000 and 40 000 deliveries, the V8 heap in use flat at 8.7 MiB) that is no
 * retained state. Starting at the full size takes it out of the curve.
 */
export async function benchMemoryInChild(store) {
  const flags = ['--expose-gc', '--min-semi-space-size=16']
  const child = spawn(process.execPath, [...flags, new URL(import.meta.url).pathname, store], { stdio: ['ignore', 'pipe', 'inherit'] })
  let out = ''
  child.stdout.on('data', (chunk) => (out += chunk))
  const [code] = await once(child, 'exit')
  if (code !== 0) throw new Error(`memory benchmark (${store}) exited ${code}`)
  return JSON.parse(out)
}

if (import.meta.url === `file://${process.argv[1]}`) process.stdout.write(JSON.stringify(await benchMemory({ store: process.argv[2] })))
