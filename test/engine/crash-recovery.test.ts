import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterEach, describe, expect, it } from 'vitest'
import { createPayhooks } from '../../src/create-payhooks.js'
import type { Store } from '../../src/engine/types.js'
import { httpNotifier, type HttpNotifierBody } from '../../src/notifiers/index.js'
import { datamart } from '../../src/providers/datamart/index.js'
import { verifyStandardWebhook } from '../notifiers/verify-standard-webhook.js'
import { waitFor } from '../notifiers/wait-for.js'
import { startReceiver } from '../notifiers/webhook-receiver.js'
import { crashStore, CRASH_WEBHOOK_SECRET } from './fixtures/crash-store.js'
import { exitOf, outputOf, runFixture } from './fixtures/run-fixture.js'

const PG_URL = 'postgres://payhooks:payhooks@127.0.0.1:54329/payhooks'
const signingSecret = `whsec_${Buffer.from('payhooks-crash-recovery-signing-key').toString('base64')}`
// The lease is 3 × 300 ms: the survivor's poll finds the dead process's row within about a second.
const TIMEOUT_MS = 300
const DELIVERY_BOUND_MS = 10_000

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  // Every cleanup runs, so the PostgreSQL schema is dropped even when closing something else failed.
  const errors: unknown[] = []
  for (const cleanup of cleanups.splice(0).reverse()) {
    try {
      await cleanup()
    } catch (error) {
      errors.push(error)
    }
  }
  if (errors.length > 0) throw errors[0]
})

const unique = (label: string) => `CRASH-${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`

/**
 * Kills a process between commit and notify, then starts a new engine on the same store with no
 * drain call and no request, and checks the notification arrives exactly once.
 */
async function crashThenRecover(settings: Record<string, string>) {
  const reference = unique(settings.STORE as string)
  // The dead process's request is held open; every later one is answered.
  const receiver = await startReceiver((index) => (index === 0 ? 'hang' : 204))
  cleanups.push(receiver.close)

  const child = runFixture('crash-child.ts', {
    ...settings,
    RECEIVER_URL: receiver.url,
    REFERENCE: reference,
    SIGNING_SECRET: signingSecret,
    TIMEOUT_MS: String(TIMEOUT_MS),
  })
  const output = outputOf(child)
  cleanups.push(() => void child.kill('SIGKILL'))
  await waitFor(() => receiver.received.length === 1 || child.exitCode !== null, 'the child to notify', DELIVERY_BOUND_MS).catch((error: Error) => {
    throw new Error(`${error.message}\n${output.stderr}`)
  })
  // The request reached the receiver: the commit is done and notify() is in flight.
  child.kill('SIGKILL')
  expect(await exitOf(child, 5_000)).toEqual({ code: null, signal: 'SIGKILL' })

  const store: Store = crashStore(settings)
  cleanups.push(async () => store.close?.())
  const record = await store.getRecord('datamart', reference)
  expect(record?.status).toBe('completed')
  const [left] = await store.notifications({ reference })
  // Killed after the commit and before markSent (and before a deadline could markFailed it).
  expect(left).toMatchObject({ notifier: 'erp', state: 'pending', attempts: 1, lastError: null })

  const hooks = createPayhooks({
    providers: [datamart({ webhookSecret: CRASH_WEBHOOK_SECRET })],
    store,
    notifiers: [httpNotifier({ url: receiver.url, secret: signingSecret, name: 'erp' })],
    retry: { timeoutMs: TIMEOUT_MS },
  })
  cleanups.push(() => hooks.close())

  await waitFor(
    async () => (await store.notifications({ reference, state: 'sent' })).length === 1,
    'the notification to be delivered by the new engine on its own',
    DELIVERY_BOUND_MS,
  )
  // Two more leases and polls: nothing more arrives.
  await new Promise((resolve) => setTimeout(resolve, 6 * TIMEOUT_MS))
  expect(receiver.received).toHaveLength(2)
  const [lost, delivered] = receiver.received
  if (lost === undefined || delivered === undefined) throw new Error('missing requests')
  expect(delivered.headers['webhook-id']).toBe(lost.headers['webhook-id'])
  expect(delivered.headers['webhook-id']).toBe(left?.transition.id)
  expect(verifyStandardWebhook(delivered, signingSecret)).toBe(true)
  const body = JSON.parse(delivered.body) as HttpNotifierBody
  expect(body).toMatchObject({ type: 'transition.applied', data: { to: 'completed', record: { reference } } })
  expect((await store.notifications({ reference }))[0]).toMatchObject({ state: 'sent', attempts: 2 })
}

describe('crash between commit and notify', () => {
  it('SQLite file: a new engine delivers the notification exactly once, with no drain call and no request', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'payhooks-crash-'))
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
    await crashThenRecover({ STORE: 'sqlite', SQLITE_FILE: join(dir, 'payhooks.db') })
  })

  it('PostgreSQL: a new engine delivers the notification exactly once, with no drain call and no request', async () => {
    // A schema of this test's own: a drain takes every due row of its tables, and the shared ones hold other tests' rows.
    const schema = `payhooks_crash_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`
    const admin = new pg.Pool({ connectionString: PG_URL, max: 1 })
    await admin.query(`CREATE SCHEMA ${schema}`)
    cleanups.push(async () => {
      await admin.query(`DROP SCHEMA ${schema} CASCADE`)
      await admin.end()
    })
    await crashThenRecover({ STORE: 'postgres', PG_URL, PG_SCHEMA: schema })
  })
})
