import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { createPayhooks } from '../../src/create-payhooks.js'
import type { Store } from '../../src/engine/types.js'
import { postgresStore } from '../../src/stores/postgres/index.js'
import { sqliteStore } from '../../src/stores/sqlite/index.js'
import { toRequest } from '../../src/testing/types.js'
import {
  buildLossOrders,
  LOSS_CREDENTIALS,
  LOSS_NOTIFIER,
  lossAdapters,
  seededRandom,
  signLossWebhook,
  startLossFakes,
  type LossOrder,
  type LossUrls,
} from './fixtures/reconcile-scenario.js'
import type { ReconcileWorkerConfig, ReconcileWorkerReport } from './fixtures/reconcile-worker.js'

/**
 * The loss simulation (design.md §9): 1,000 orders across Midtrans, ClickPesa and DataMart get their
 * pending webhook; 30 % of the final webhooks are lost, 10 % are redelivered late; the providers'
 * status APIs (fakes on 127.0.0.1, answering 429/5xx ~5 % of the time) hold every order's truth. Two
 * processes reconcile the same store at once. Afterwards every record is the provider's truth, each
 * transition has exactly one outbox row, the late webhooks change nothing, and no record was polled
 * by both processes at once.
 */

const ORDERS = 1_000
const DROP_RATE = 0.3
const LATE_RATE = 0.1
const FAULT_RATE = 0.05
const SEED = 0x5eed_1055
const PG_URL = process.env.PAYHOOKS_TEST_PG_URL ?? 'postgres://payhooks:payhooks@127.0.0.1:54329/payhooks'
const ROOT = new URL('../../', import.meta.url).pathname
const TSX = join(ROOT, 'node_modules/.bin/tsx')
const WORKER = join(ROOT, 'test/engine/fixtures/reconcile-worker.ts')
/** Webhooks in flight at once from the test process. */
const SEND_CONCURRENCY = 8

interface StoreSetup {
  /** The store this process writes webhooks through. */
  open(): Store
  worker: ReconcileWorkerConfig['store']
  /** Before the first store opens. */
  prepare?(): Promise<void>
  cleanup(): Promise<void>
}

function sqliteSetup(): StoreSetup {
  const dir = mkdtempSync(join(tmpdir(), 'payhooks-loss-'))
  const filename = join(dir, 'loss.db')
  return { open: () => sqliteStore({ filename }), worker: { kind: 'sqlite', filename }, cleanup: async () => rmSync(dir, { recursive: true, force: true }) }
}

/** A schema of this run's own on the shared server: no other test's outbox rows, dropped afterwards. */
function postgresSetup(runId: string): StoreSetup {
  const schema = `loss_${runId.replace(/[^a-z0-9]/g, '_')}`
  const connectionString = `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: PG_URL })
    await client.connect()
    try {
      await client.query(sql)
    } finally {
      await client.end()
    }
  }
  return {
    open: () => postgresStore({ connectionString, max: 8 }),
    worker: { kind: 'postgres', connectionString },
    prepare: () => admin(`CREATE SCHEMA ${schema}`),
    cleanup: () => admin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`),
  }
}

/** Runs `task` over `items`, `limit` at a time. */
async function eachLimited<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await task(items[next++] as T)
    }),
  )
}

interface Worker {
  ready: Promise<void>
  go(): void
  done: Promise<{ report: ReconcileWorkerReport; output: string }>
}

function startWorker(config: ReconcileWorkerConfig): Worker {
  const child = spawn(TSX, [WORKER, JSON.stringify(config)], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  let markReady: () => void = () => {}
  const ready = new Promise<void>((resolve) => (markReady = resolve))
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString()
    if (stdout.startsWith('ready\n')) markReady()
  })
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const done = new Promise<{ report: ReconcileWorkerReport; output: string }>((resolve, reject) => {
    child.on('error', reject)
    child.on('exit', (code) => {
      const last = stdout.trim().split('\n').at(-1) ?? ''
      if (code !== 0 || !last.startsWith('{')) return reject(new Error(`reconcile worker exited ${code}: ${stderr.slice(0, 2_000)}`))
      resolve({ report: JSON.parse(last) as ReconcileWorkerReport, output: stdout + stderr })
    })
  })
  // A worker that dies before it is ready must fail the test, not hang it.
  return { ready: Promise.race([ready, done.then(() => undefined)]), go: () => child.stdin.end('go\n'), done }
}

const CREDENTIAL_VALUES = Object.values(LOSS_CREDENTIALS)

function runLossSimulation(name: string, setup: (runId: string) => StoreSetup) {
  describe(`reconcile loss simulation on ${name}`, () => {
    const cleanups: (() => Promise<void>)[] = []
    afterAll(async () => {
      for (const cleanup of cleanups.reverse()) await cleanup()
    })

    it(`${ORDERS} orders, 30 % of final webhooks lost, two processes reconciling: every record ends at the provider's truth, once`, { timeout: 60_000 }, async () => {
      const runId = `${name}${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`
      const random = seededRandom(SEED)
      const orders = buildLossOrders(ORDERS, runId, random)
      const dropped = new Set<LossOrder>(orders.filter(() => random() < DROP_RATE))
      const late = orders.filter(() => random() < LATE_RATE)

      const fakes = await startLossFakes(orders)
      cleanups.push(() => fakes.close())
      const faultRandom = seededRandom(SEED + 1)
      for (const fake of fakes.all) fake.setFaults({ rate: FAULT_RATE, kinds: ['rate-limited', 'server-error'], random: faultRandom })

      const storeSetup = setup(runId)
      cleanups.push(() => storeSetup.cleanup())
      await storeSetup.prepare?.()
      const notified: string[] = []
      const hooks = createPayhooks({
        providers: lossAdapters(),
        store: storeSetup.open(),
        notifiers: [{ name: LOSS_NOTIFIER, notify: async (transition) => void notified.push(transition.id) }],
      })
      cleanups.push(() => hooks.close())
      const deliver = async (order: LossOrder, payload: LossOrder['pending']) => {
        const response = await hooks.handle(order.provider, toRequest(await signLossWebhook(order.provider, payload)))
        expect(response.status, `${order.reference}: ${response.body}`).toBe(200)
      }

      // Every order's pending webhook arrives; then the final webhooks, but 30 % are lost.
      await eachLimited(orders, SEND_CONCURRENCY, (order) => deliver(order, order.pending))
      await eachLimited(
        orders.filter((order) => !dropped.has(order)),
        SEND_CONCURRENCY,
        (order) => deliver(order, order.final),
      )
      const before = await Promise.all(orders.map((order) => hooks.record(order.provider, order.reference)))
      const stuck = orders.filter((_, index) => before[index]?.status === 'pending')
      expect(stuck.length).toBe(dropped.size)
      expect(dropped.size).toBeGreaterThan(ORDERS * 0.25)

      // Two processes reconcile the same store at once, against the same fakes.
      const config: ReconcileWorkerConfig = { store: storeSetup.worker, urls: fakes.urls satisfies LossUrls, concurrency: 4, maxPasses: 50 }
      const workers = [startWorker(config), startWorker(config)]
      await Promise.all(workers.map((worker) => worker.ready))
      for (const worker of workers) worker.go()
      const results = await Promise.all(workers.map((worker) => worker.done))
      const reports = results.map((result) => result.report)

      // Late redeliveries of final webhooks (lost ones and delivered ones alike) change nothing.
      await eachLimited(late, SEND_CONCURRENCY, (order) => deliver(order, order.final))
      await hooks.drainOutbox()

      // Every record is the provider's truth.
      const after = await Promise.all(orders.map((order) => hooks.record(order.provider, order.reference)))
      const wrong = orders.flatMap((order, index) => (after[index]?.status === order.truth ? [] : [`${order.reference}: ${after[index]?.status} ≠ ${order.truth}`]))
      expect(wrong).toEqual([])

      // Exactly one outbox row per transition: created → pending, then pending → the truth.
      const transitionIds = new Set<string>()
      const badRows: string[] = []
      await eachLimited(orders, SEND_CONCURRENCY, async (order) => {
        const rows = await hooks.store.notifications({ reference: order.reference })
        const steps = rows.map((row) => `${row.transition.from}→${row.transition.to}`)
        if (steps.join(',') !== `null→pending,pending→${order.truth}`) badRows.push(`${order.reference}: ${steps.join(',')}`)
        for (const row of rows) transitionIds.add(row.transition.id)
      })
      expect(badRows).toEqual([])
      expect(transitionIds.size).toBe(ORDERS * 2)

      // Each lost final was applied by exactly one of the two processes; nothing else was applied.
      expect(reports.reduce((sum, report) => sum + report.applied, 0)).toBe(dropped.size)
      for (const report of reports) expect(report.checked).toBeGreaterThan(0)
      // The faults happened and were survived: failed polls were retried on later passes.
      const failed = reports.reduce((sum, report) => sum + report.failed, 0)
      expect(failed).toBeGreaterThan(0)
      expect(reports.flatMap((report) => report.errors.map((error) => error.code)).every((code) => /^STATUS_API_(UNAVAILABLE|RATE_LIMITED)$/.test(code))).toBe(true)

      // Across the three processes, the notifier was called exactly once per transition.
      const calls = [...notified, ...reports.flatMap((report) => report.notified)]
      expect(calls.length).toBe(new Set(calls).size)
      expect(new Set(calls)).toEqual(transitionIds)

      // The late webhooks were duplicates (same event id as the poll's answer) or stale.
      const lateOutcomes = await Promise.all(late.map(async (order) => (await hooks.deliveries({ reference: order.reference, limit: 1 }))[0]))
      expect(lateOutcomes.filter((delivery) => delivery?.source !== 'webhook' || !['duplicate', 'stale'].includes(delivery.outcome))).toEqual([])

      // No record was polled by both processes at once, on any provider.
      for (const fake of fakes.all) expect(`${fake.provider}: ${fake.maxConcurrentPerKey()}`).toBe(`${fake.provider}: 1`)
      // Only the lost records were asked about; one status query each, plus at most one per faulted
      // answer: each 429 waited out, each failed poll (a fault on ClickPesa's token request fails a
      // poll without a status query, hence at most).
      const keyed = fakes.all.flatMap((fake) => fake.requests.filter((request) => request.key !== undefined))
      expect(new Set(keyed.map((request) => request.key))).toEqual(new Set([...dropped].map((order) => order.reference)))
      const queries = keyed.length
      const waits = reports.reduce((sum, report) => sum + report.rateLimitWaits, 0)
      expect(queries).toBeGreaterThanOrEqual(dropped.size)
      expect(queries).toBeLessThanOrEqual(dropped.size + waits + failed)

      // No credential in any error, anything the workers printed, or the delivery log of the polled records.
      const printed = results.map((result) => result.output).join('\n')
      const logged = JSON.stringify(await Promise.all(stuck.slice(0, 60).map((order) => hooks.deliveries({ reference: order.reference }))))
      expect(logged).toContain('"source":"poll"')
      for (const secret of CREDENTIAL_VALUES) {
        expect(printed.includes(secret), 'a credential was printed').toBe(false)
        expect(logged.includes(secret), 'a credential is in the delivery log').toBe(false)
      }

      console.info(
        `[loss ${name}] orders ${ORDERS}, lost finals ${dropped.size}, late ${late.length}, status queries ${queries}, ` +
          `429s waited out ${waits}, failed polls ${failed}, passes ${reports.map((r) => r.passes).join('+')}, applied ${reports.map((r) => r.applied).join('+')}`,
      )
    })
  })
}

runLossSimulation('sqlite', () => sqliteSetup())
runLossSimulation('postgres', (runId) => postgresSetup(runId))
