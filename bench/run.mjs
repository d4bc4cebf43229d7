// npm run bench: prints every benchmark as Markdown for BENCHMARKS.md. Ratios are measured against a
// floor in the same run, so they compare across machines; absolute numbers do not.
// `node bench/run.mjs adapters http stores memory` runs a subset.
import { benchAdapters } from './adapters.mjs'
import { benchHttp } from './http.mjs'
import { benchMemory } from './memory.mjs'
import { benchPostgres, benchSqlite } from './stores.mjs'
import { benchReconcile, printReconcile } from './reconcile.mjs'
import { benchRuntimes, printRuntimes } from './runtimes.mjs'

const selected = new Set(process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['adapters', 'http', 'stores', 'memory', 'reconcile', 'runtimes'])
const fmt = (n) => Math.round(n).toLocaleString('en-US')
const ratio = (r) => `${r.toFixed(2)}×`
const verdict = (ok) => (ok ? 'meets' : '**misses**')

console.log(`Node ${process.version}, ${new Date().toISOString().slice(0, 10)}\n`)

if (selected.has('adapters')) {
  console.log('## Adapters: verify + parse + normalize vs node:crypto HMAC + timingSafeEqual + JSON.parse\n')
  console.log('| provider | body bytes | floor ns/op | node ns/op | node ratio | target ≤ 1.25× | web ns/op | web ratio | target ≤ 4× |')
  console.log('|---|---:|---:|---:|---:|---|---:|---:|---|')
  for (const r of await benchAdapters()) {
    console.log(`| ${r.provider} | ${r.bytes} | ${fmt(r.floorNs)} | ${fmt(r.nodeNs)} | ${ratio(r.nodeRatio)} | ${verdict(r.nodeRatio <= 1.25)} | ${fmt(r.webNs)} | ${ratio(r.webRatio)} | ${verdict(r.webRatio <= 4)} |`)
  }
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
