// Verify throughput of the node:crypto build against the WebCrypto build on every process runtime the
// matrix runs (bench/runtime-verify.mjs inside each), and which build each one loads through `exports`.
// This is what decides whether Bun and Deno get a `bun` / `deno` export condition for the web build.
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const bin = (path) => `${root}${path}`
const RUNTIMES = [
  { name: 'Node 20', command: process.execPath, args: [] },
  { name: 'Node 22', command: bin('.ci/runtimes/node_modules/node22/bin/node'), args: [] },
  { name: 'Node 24', command: bin('.ci/runtimes/node_modules/node24/bin/node'), args: [] },
  { name: 'Bun', command: bin('node_modules/.bin/bun'), args: ['--no-install'] },
  { name: 'Deno', command: bin('node_modules/.bin/deno'), args: ['run', '--no-remote', '--allow-read', '--allow-env'] },
]

export function benchRuntimes() {
  return RUNTIMES.map((runtime) => {
    const version = execFileSync(runtime.command, ['--version'], { encoding: 'utf8' }).split('\n')[0].replace(/ \(.*$/, '').trim()
    const out = execFileSync(runtime.command, [...runtime.args, 'bench/runtime-verify.mjs'], { cwd: root, encoding: 'utf8', env: { ...process.env, DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' } })
    return { ...runtime, version, ...JSON.parse(out.trim().split('\n').pop()) }
  })
}

export function printRuntimes(rows) {
  const fmt = (n) => Math.round(n).toLocaleString('en-US')
  console.log('## Runtimes: verifySignature, node:crypto build vs WebCrypto build\n')
  console.log('| runtime | version | loads | provider | node build ns/op | web build ns/op | web / node |')
  console.log('|---|---|---|---|---:|---:|---:|')
  for (const row of rows) {
    for (const [provider, ns] of Object.entries(row.providers)) {
      console.log(`| ${row.name} | ${row.version} | ${row.cryptoBuild} | ${provider} | ${fmt(ns.node)} | ${fmt(ns.web)} | ${(ns.web / ns.node).toFixed(2)}× |`)
    }
  }
  console.log()
}

if (process.argv[1] === fileURLToPath(import.meta.url)) printRuntimes(benchRuntimes())
