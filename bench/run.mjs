// npm run bench: prints every benchmark as Markdown for BENCHMARKS.md. Ratios are measured against a
// floor in the same run, so they compare across machines; absolute numbers do not.
// `node bench/run.mjs adapters engine http stores memory` runs a subset.
import { availableParallelism, loadavg } from 'node:os'
import { benchAdapters } from './adapters.mjs'
import { benchColdStart } from './cold-start.mjs'
import { benchHttp } from './http.mjs'
import { benchEngineInProcess, retainedBytesPerDelivery } from './http-in-process.mjs'
import { benchGlueInProcess } from './http-inject.mjs'
import { benchMemoryInChild } from './memory.mjs'
import { benchPostgres, benchSqlite } from './stores.mjs'
import { benchReconcile, printReconcile } from './reconcile.mjs'
import { benchRuntimes, printRuntimes } from './runtimes.mjs'

const selected = new Set(process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['adapters', 'cold-start', 'engine', 'http', 'stores', 'memory', 'reconcile', 'runtimes'])
const fmt = (n) => Math.round(n).toLocaleString('en-US')
const ratio = (r) => `${r.toFixed(2)}×`
const verdict = (ok) => (ok ? 'meets' : '**misses**')

console.log(`Node ${process.version}, ${new Date().toISOString().slice(0, 10)}\n`)
console.log(`Load average at start: ${loadavg().map((l) => l.toFixed(1)).join(' / ')} on ${availableParallelism()} cores\n`)

if (selected.has('adapters')) {
  console.log('## Adapters: verify + parse + normalize vs node:crypto HMAC + timingSafeEqual + JSON.parse\n')
  console.log('| provider | body bytes | floor ns/op | node ratio | goal | of which `{ ...req, body }` | web ratio (WebCrypto in Node) | octokit verify + JSON.parse | stripe constructEvent |')
  console.log('|---|---:|---:|---:|---|---:|---:|---:|---:|')
  for (const r of await benchAdapters()) {
    // ClickPesa signs a canonical re-serialization: JSON.stringify alone puts its scheme's limit near 1.33×.
    const goal = r.provider === 'clickpesa' ? 1.6 : 1.15
    const hmac = r.provider === 'clickpesa' || r.provider === 'datamart'
    const beatsOctokit = hmac ? `, ${r.nodeRatio < r.octokitRatio ? 'beats' : '**does not beat**'} octokit` : ''
    const limit = r.provider === 'clickpesa' ? ' (scheme limit ~1.33×)' : ''
    console.log(`| ${r.provider} | ${r.bytes} | ${fmt(r.floorNs)} | ${ratio(r.nodeRatio)} | ≤ ${goal}×${limit}: ${verdict(r.nodeRatio <= goal)}${beatsOctokit} | ${ratio(r.spreadRatio)} | ${ratio(r.webRatio)} | ${ratio(r.octokitRatio)} | ${ratio(r.stripeRatio)} |`)
  }
  console.log()
}

if (selected.has('cold-start')) {
  console.log('## Cold start: a fresh process imports one provider and verifies its first event (median of 10)\n')
  const c = await benchColdStart()
  const ms = (n) => `${n.toFixed(1)} ms`
  console.log('| process | wall | CPU | wall ratio to by hand | CPU ratio | goal |')
  console.log('|---|---:|---:|---:|---:|---|')
  console.log(`| by hand (node:crypto + JSON.parse) | ${ms(c.wall.byHand)} | ${ms(c.cpu.byHand)} | 1.00× | 1.00× | |`)
  for (const [key, label] of [['provider', `payhooks/${c.provider}, dist + zod from node_modules`], ['bundled', `payhooks/${c.provider}, bundled (esbuild, zod included)`]]) {
    const r = c.wall[key] / c.wall.byHand
    console.log(`| ${label} | ${ms(c.wall[key])} | ${ms(c.cpu[key])} | ${ratio(r)} | ${ratio(c.cpu[key] / c.cpu.byHand)} | ≤ 40 ms: ${verdict(c.wall[key] <= 40)}; ≤ 1.5×: ${verdict(r <= 1.5)} |`)
  }
  console.log(`| only \`import 'zod/mini'\` (+ node:crypto) | ${ms(c.wall.zodOnly)} | ${ms(c.cpu.zodOnly)} | ${ratio(c.wall.zodOnly / c.wall.byHand)} | ${ratio(c.cpu.zodOnly / c.cpu.byHand)} | (what zod's module graph costs) |`)
  console.log()
}

if (selected.has('engine')) {
  console.log('## Engine in process: hooks.handle (memory store) vs the floor handler, a new order per call\n')
  console.log('| floor ns/op | hooks.handle ns/op | ratio | target ≤ 2× | retained bytes per delivery (records + claims) |')
  console.log('|---:|---:|---:|---|---:|')
  const e = await benchEngineInProcess()
  console.log(`| ${fmt(e.floorNs)} | ${fmt(e.oursNs)} | ${ratio(e.ratio)} | ${verdict(e.ratio <= 2)} | ${fmt(await retainedBytesPerDelivery())} |`)
  console.log()
}

if (selected.has('http')) {
  console.log('## HTTP glue in process: plugin/router vs a bare route calling hooks.handle (memory store), requests injected\n')
  console.log('| framework | bare route ns/req | payhooks ns/req | (a) ratio (throughput) | target ≥ 0.95× |')
  console.log('|---|---:|---:|---:|---|')
  for (const g of await benchGlueInProcess()) console.log(`| ${g.framework} | ${fmt(g.bareNs)} | ${fmt(g.payhooksNs)} | ${ratio(g.ratio)} | ${verdict(g.ratio >= 0.95)} |`)
  console.log()
  console.log('## HTTP: fair floors, autocannon, 32 connections, server and load on separate cores (req/s, medians)\n')
  console.log('| framework | payhooks (memory) | bare route + hooks.handle | (a) glue ratio | target ≥ 0.95× | payhooks (SQLite) | hand-written SQLite route | (b) ratio | target ≥ 0.85× | floor pipeline (stores nothing) | (c) memory ratio |')
  console.log('|---|---:|---:|---:|---|---:|---:|---:|---|---:|---:|')
  for (const r of await benchHttp()) {
    const { rps } = r
    console.log(`| ${r.framework} | ${fmt(rps.payhooks)} | ${fmt(rps.bare)} | ${ratio(r.glue)} | ${verdict(r.glue >= 0.95)} | ${fmt(rps['payhooks-sqlite'])} | ${fmt(rps['floor-sqlite'])} | ${ratio(r.sqlite)} | ${verdict(r.sqlite >= 0.85)} | ${fmt(rps.floor)} | ${ratio(r.memory)} |`)
  }
  console.log()
}

if (selected.has('stores')) {
  console.log('## Stores: applied transitions per second\n')
  console.log('| store | applied | seconds | per second | target |')
  console.log('|---|---:|---:|---:|---|')
  const sqlite = await benchSqlite()
  console.log(`| SQLite (1 process, WAL, synchronous=FULL) | ${fmt(sqlite.applied)} | ${sqlite.seconds.toFixed(2)} | ${fmt(sqlite.perSecond)} | ≥ 5 000: ${verdict(sqlite.perSecond >= 5000)} |`)
  const postgres = await benchPostgres()
  console.log(`| PostgreSQL (2 processes, pool 16, 32 in flight each; 2 round trips per applied event) | ${fmt(postgres.applied)} | ${postgres.seconds.toFixed(2)} | ${fmt(postgres.perSecond)} | ≥ 2 000: ${verdict(postgres.perSecond >= 2000)} |`)
  console.log()
}

if (selected.has('memory')) {
  console.log('## Memory: RSS across 100 000 deliveries through the engine\n')
  const mib = (n) => `${n.toFixed(1)} MiB`
  console.log('| store | deliveries | RSS at 20 000 | min | max | at the end | spread (max/min) | target ≤ 10 % | deliveries/s |')
  console.log('|---|---:|---:|---:|---:|---:|---:|---|---:|')
  const curves = []
  for (const store of ['sqlite', 'memory']) {
    const m = await benchMemoryInChild(store)
    curves.push(`${store}: RSS ${m.samplesMiB.map((x) => x.toFixed(1)).join(' · ')} MiB; V8 heap in use ${m.heapMiB.map((x) => x.toFixed(1)).join(' · ')} MiB`)
    console.log(`| ${store} | ${fmt(m.deliveries)} | ${mib(m.firstMiB)} | ${mib(m.minMiB)} | ${mib(m.maxMiB)} | ${mib(m.lastMiB)} | ${(m.spread * 100).toFixed(1)} % | ${verdict(m.spread <= 0.1)} | ${fmt(m.perSecond)} |`)
  }
  console.log(`\nRSS every 10 000 deliveries from 20 000 on:\n\n${curves.map((c) => `- ${c}`).join('\n')}\n`)
}

if (selected.has('reconcile')) printReconcile(await benchReconcile())

if (selected.has('runtimes')) printRuntimes(benchRuntimes())
