// Reconcile throughput and provider calls per stale record, against the fake status APIs of Midtrans,
// ClickPesa and DataMart on 127.0.0.1. The engine under test is the built dist; the fakes and the
// scenario's documented payloads are the loss simulation's own (test/engine/fixtures/reconcile-scenario.ts),
// loaded through tsx because they are test code and not part of the package.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { tsImport } from 'tsx/esm/api'
import { createPayhooks, memoryStore } from '../dist/node/index.js'
import { clickpesa } from '../dist/node/clickpesa.js'
import { datamart } from '../dist/node/datamart.js'
import { midtrans } from '../dist/node/midtrans.js'
import { sqliteStore } from '../dist/node/stores/sqlite.js'

const scenario = await tsImport('../test/engine/fixtures/reconcile-scenario.ts', import.meta.url)
const { LOSS_CREDENTIALS: creds } = scenario

const CONCURRENCY = 4

function adapters(urls) {
  return [
    midtrans({ serverKey: creds.midtransServerKey, statusApi: { baseUrl: urls.midtrans } }),
    clickpesa({ checksumKey: creds.clickpesaChecksumKey, statusApi: { clientId: creds.clickpesaClientId, apiKey: creds.clickpesaApiKey, baseUrl: urls.clickpesa } }),
    datamart({ webhookSecret: creds.datamartWebhookSecret, statusApi: { apiKey: creds.datamartApiKey, baseUrl: urls.datamart } }),
  ]
}

/** Reconcile passes until nothing is due (failed polls are due again within the 5 ms backoff). */
async function reconcileAll(hooks, limit) {
  const total = { checked: 0, applied: 0, failed: 0, passes: 0 }
  for (let empty = 0; empty < 3 && total.passes < 100; ) {
    const report = await hooks.reconcile({ olderThan: 0, concurrency: CONCURRENCY, limit })
    total.passes++
    total.checked += report.checked
    total.applied += report.applied
    total.failed += report.failed
    if (report.checked > 0) empty = 0
    else {
      empty++
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
  }
  return total
}

/**
 * `orders` records left pending (their final webhook lost), then reconciled. Returns records/s and the
 * status queries the fakes received per stale record (ClickPesa's token requests apart), with the
 * answers that were faults: each 429 the run waited out (logged) and each poll that failed.
 */
async function run({ store, orders, latencyMs = 0, faultRate = 0 }) {
  const runId = `bench${Date.now().toString(36)}`
  const list = scenario.buildLossOrders(orders, runId, scenario.seededRandom(7))
  const fakes = await scenario.startLossFakes(list)
  let rateLimitWaits = 0
  const logger = { info() {}, error() {}, warn: (_obj, msg) => void (msg?.includes('rate limit') && rateLimitWaits++) }
  const hooks = createPayhooks({ providers: adapters(fakes.urls), store, logger, reconcileBackoff: { baseDelayMs: 1, maxDelayMs: 5 } })
  try {
    for (const order of list) {
      const signed = await scenario.signLossWebhook(order.provider, order.pending)
      const response = await hooks.handle(order.provider, { body: signed.body, headers: signed.headers, url: signed.url, method: 'POST' })
      if (response.status !== 200) throw new Error(`pending webhook refused: ${response.status} ${response.body}`)
    }
    const faultRandom = scenario.seededRandom(11)
    for (const fake of fakes.all) {
      fake.setLatency(latencyMs)
      if (faultRate > 0) fake.setFaults({ rate: faultRate, kinds: ['rate-limited', 'server-error'], random: faultRandom })
    }
    const start = performance.now()
    const report = await reconcileAll(hooks, orders * 2)
    const seconds = (performance.now() - start) / 1000
    if (report.applied !== orders) throw new Error(`reconcile applied ${report.applied} of ${orders} records`)
    const queries = fakes.all.reduce((sum, fake) => sum + fake.requests.filter((request) => request.key !== undefined).length, 0)
    return {
      orders,
      ...report,
      seconds,
      perSecond: orders / seconds,
      queries,
      faults: rateLimitWaits + report.failed,
      tokens: fakes.clickpesa.tokensIssued(),
      perRecord: queries / orders,
    }
  } finally {
    await hooks.close()
    await fakes.close()
  }
}

function sqlite() {
  const dir = mkdtempSync(join(tmpdir(), 'payhooks-bench-reconcile-'))
  const store = sqliteStore({ filename: join(dir, 'bench.db') })
  return { store, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

async function onSqlite(options) {
  const { store, cleanup } = sqlite()
  try {
    return await run({ ...options, store })
  } finally {
    cleanup()
  }
}

export async function benchReconcile(orders = 3_000) {
  const latencyMs = 20
  // Warm-up: the first run would otherwise pay for JIT compilation of the whole path.
  await run({ store: memoryStore(), orders: 600 })
  return {
    concurrency: CONCURRENCY,
    latencyMs,
    memory: await run({ store: memoryStore(), orders }),
    sqlite: await onSqlite({ orders }),
    // Provider latency makes the run concurrency-bound: the ceiling is concurrency / latency.
    memoryLatency: await run({ store: memoryStore(), orders: 600, latencyMs }),
    sqliteLatency: await onSqlite({ orders: 600, latencyMs }),
    faults: await run({ store: memoryStore(), orders, faultRate: 0.05 }),
  }
}

export function printReconcile(r) {
  const fmt = (n) => Math.round(n).toLocaleString('en-US')
  const verdict = (ok) => (ok ? 'meets' : '**misses**')
  const ceiling = (r.concurrency * 1000) / r.latencyMs
  console.log(`## Reconcile: stale records polled and applied per second, concurrency ${r.concurrency}, fake status APIs on 127.0.0.1 (same process)\n`)
  console.log(`| store | provider latency | records | seconds | records/s | vs ceiling (${r.concurrency} / latency) | target |`)
  console.log('|---|---:|---:|---:|---:|---:|---|')
  for (const [name, row] of [['memory', r.memory], ['SQLite', r.sqlite]]) {
    console.log(`| ${name} | 0 ms | ${fmt(row.orders)} | ${row.seconds.toFixed(2)} | ${fmt(row.perSecond)} | — | ≥ 500/s: ${verdict(row.perSecond >= 500)} |`)
  }
  for (const [name, row] of [['memory', r.memoryLatency], ['SQLite', r.sqliteLatency]]) {
    const ratio = row.perSecond / ceiling
    console.log(`| ${name} | ${r.latencyMs} ms | ${fmt(row.orders)} | ${row.seconds.toFixed(2)} | ${fmt(row.perSecond)} | ${ratio.toFixed(2)}× of ${fmt(ceiling)} | ≥ 0.80×: ${verdict(ratio >= 0.8)} |`)
  }
  console.log('\n## Reconcile: provider status queries per stale record (ClickPesa token requests apart)\n')
  console.log('| run | stale records | status queries | per record | faulted answers (429 waited out + failed polls) | passes | tokens | target: ≤ 1 per record + 1 per fault |')
  console.log('|---|---:|---:|---:|---:|---:|---:|---|')
  for (const [name, row] of [['no faults', r.memory], ['5 % 429/5xx', r.faults]]) {
    const expected = row.orders + row.faults
    console.log(`| ${name} | ${fmt(row.orders)} | ${fmt(row.queries)} | ${row.perRecord.toFixed(3)} | ${fmt(row.faults)} | ${row.passes} | ${row.tokens} | ≤ ${fmt(expected)}: ${verdict(row.queries >= row.orders && row.queries <= expected)} |`)
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(`Node ${process.version}, ${new Date().toISOString().slice(0, 10)}\n`)
  printReconcile(await benchReconcile())
}
