// npm run bench: prints every benchmark as Markdown for BENCHMARKS.md. Ratios are measured against a
// floor in the same run, so they compare across machines; absolute numbers do not.
// `node bench/run.mjs adapters http stores memory` runs a subset.
import { benchAdapters } from './adapters.mjs'
import { benchColdStart } from './cold-start.mjs'
import { benchHttp } from './http.mjs'
import { benchMemory } from './memory.mjs'
import { benchPostgres, benchSqlite } from './stores.mjs'
import { benchReconcile, printReconcile } from './reconcile.mjs'
import { benchRuntimes, printRuntimes } from './runtimes.mjs'

const selected = new Set(process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['adapters', 'cold-start', 'http', 'stores', 'memory', 'reconcile', 'runtimes'])
const fmt = (n) => Math.round(n).toLocaleString('en-US')
const ratio = (r) => `${r.toFixed(2)}×`
const verdict = (ok) => (ok ? 'meets' : '**misses**')

console.log(`Node ${process.version}, ${new Date().toISOString().slice(0, 10)}\n`)

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

if (selected.has('http')) {
  console.log('## HTTP: whole engine (memory store) vs a hand-written route, autocannon, 32 connections, server and load on separate cores\n')
  console.log('| framework | floor req/s | payhooks req/s | ratio | target ≥ 0.85× |')
  console.log('|---|---:|---:|---:|---|')
  for (const r of await benchHttp()) console.log(`| ${r.framework} | ${fmt(r.floorRps)} | ${fmt(r.payhooksRps)} | ${ratio(r.ratio)} | ${verdict(r.ratio >= 0.85)} |`)
  console.log()
}

if (selected.has('stores')) {
  console.log('## Stores: applied transitions per second\n')
  console.log('| store | applied | seconds | per second | target |')
  console.log('|---|---:|---:|---:|---|')
  const sqlite = await benchSqlite()
  console.log(`| SQLite (1 process, WAL, synchronous=FULL) | ${fmt(sqlite.applied)} | ${sqlite.seconds.toFixed(2)} | ${fmt(sqlite.perSecond)} | ≥ 5 000: ${verdict(sqlite.perSecond >= 5000)} |`)
  const postgres = await benchPostgres()
  console.log(`| PostgreSQL (2 processes, 32 in flight each) | ${fmt(postgres.applied)} | ${postgres.seconds.toFixed(2)} | ${fmt(postgres.perSecond)} | ≥ 2 000: ${verdict(postgres.perSecond >= 2000)} |`)
  console.log()
}

if (selected.has('memory')) {
  console.log('## Memory: RSS across 100 000 deliveries through the engine on SQLite\n')
  const m = await benchMemory()
  const mib = (n) => `${n.toFixed(1)} MiB`
  console.log('| deliveries | RSS at 20 000 | min | max | at the end | spread (max/min) | target ≤ 10 % | deliveries/s |')
  console.log('|---:|---:|---:|---:|---:|---:|---|---:|')
  console.log(`| ${fmt(m.deliveries)} | ${mib(m.firstMiB)} | ${mib(m.minMiB)} | ${mib(m.maxMiB)} | ${mib(m.lastMiB)} | ${(m.spread * 100).toFixed(1)} % | ${verdict(m.spread <= 0.1)} | ${fmt(m.perSecond)} |`)
  console.log(`\nRSS every 10 000 deliveries from 20 000 on: ${m.samplesMiB.map((x) => x.toFixed(1)).join(' · ')} MiB`)
}

if (selected.has('reconcile')) printReconcile(await benchReconcile())

if (selected.has('runtimes')) printRuntimes(benchRuntimes())
