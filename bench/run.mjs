// npm run bench: builds, then prints each benchmark as a Markdown table for BENCHMARKS.md.
import { benchAdapters } from './adapters.mjs'

const fmt = (n) => n.toFixed(0)
const ratio = (r) => `${r.toFixed(2)}×`

console.log(`Node ${process.version}, ${new Date().toISOString().slice(0, 10)}\n`)
console.log('## Adapters: verify + parse + normalize vs the floor\n')
console.log('| provider | body bytes | floor ns/op | node ns/op | node ratio (≤ 1.25×) | web ns/op | web ratio (≤ 4×) |')
console.log('|---|---:|---:|---:|---:|---:|---:|')
for (const row of await benchAdapters()) {
  console.log(`| ${row.provider} | ${row.bytes} | ${fmt(row.floorNs)} | ${fmt(row.nodeNs)} | ${ratio(row.nodeRatio)} | ${fmt(row.webNs)} | ${ratio(row.webRatio)} |`)
}
