import { createServer } from 'node:net'
import { afterAll, describe, expect, it } from 'vitest'
import { statusEvent } from '../../src/core/build-event.js'
import { isWebhookError } from '../../src/core/webhook-error.js'
import type { Decision } from '../../src/engine/types.js'
import { migratePostgres, postgresStore } from '../../src/stores/postgres/index.js'
import { runStoreContract } from '../../src/testing/run-store-contract.js'
import { expectKeepsSchedule } from './fixtures/expect-keeps-schedule.js'
import { connectAdmin, PG_URL, withOwnSchema } from './fixtures/postgres-server.js'
import { completedOrder, decideFor } from './fixtures/store-events.js'
import { deliverFromTwoProcesses, expectExactlyOnce, expectTwoProcessesLeaseEachOnce, registerPlannedRecords } from './fixtures/two-processes.js'

const admin = await connectAdmin()

/**
 * The test database outlives runs; rows from runs over ten minutes ago are dropped so the
 * contract's 10,000-row windows always reach this run's rows, without touching a run in progress.
 * The contract's reconciliation records carry an updatedAt decades back, so this drops them too: a
 * run's leftovers last until the next run starts.
 */
async function prepareDatabase() {
  await migratePostgres(admin)
  await admin.query(`
    DELETE FROM payhooks_claims WHERE claimed_at < now() - interval '10 minutes';
    DELETE FROM payhooks_records WHERE updated_at < now() - interval '10 minutes';
    DELETE FROM payhooks_outbox WHERE created_at < now() - interval '10 minutes';
    DELETE FROM payhooks_deliveries WHERE received_at < now() - interval '10 minutes';`)
}
await prepareDatabase()
afterAll(() => admin.end())

runStoreContract('postgres', () => postgresStore({ connectionString: PG_URL }), { describe, it })

const unique = (label: string) => `pg-${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`

async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

describe('postgres store: failures', () => {
  it('rejects with STORE_UNAVAILABLE, without the password, when nothing listens on the port', async () => {
    const port = await closedPort()
    const password = 'pw-that-must-not-leak-42'
    const store = postgresStore({ connectionString: `postgres://payhooks:${password}@127.0.0.1:${port}/payhooks` })
    const event = completedOrder(unique('down'))
    const error: unknown = await store.apply(event, ['audit'], decideFor(event)).catch((e: unknown) => e)
    await store.close()
    expect(isWebhookError(error) && error.code).toBe('STORE_UNAVAILABLE')
    if (!isWebhookError(error)) return
    expect(error.status).toBe(503)
    expect(error.hint).toContain(`127.0.0.1:${port}/payhooks`)
    expect(error.hint).toMatch(/check connectionString/i)
    expect(error.cause).toBeInstanceOf(Error)
    expect(`${error.message} ${error.hint} ${JSON.stringify(error.toJSON())}`).not.toContain(password)
  })

  it('passes an error thrown by decide through unchanged and leaves no record, claim or placeholder', async () => {
    const store = postgresStore({ connectionString: PG_URL })
    const event = completedOrder(unique('decide-throws'))
    const thrown = new RangeError('decide broke')
    await expect(
      store.apply(event, ['audit'], () => {
        throw thrown
      })
    ).rejects.toBe(thrown)
    const claims = await admin.query('SELECT 1 FROM payhooks_claims WHERE event_id = $1', [event.id])
    expect(claims.rowCount).toBe(0)
    expect((await store.apply(event, ['audit'], decideFor(event))).outcome).toBe('applied')
    await store.close()
  })

  it('never commits the placeholder of a record that a stale or ignored decision did not create', async () => {
    const store = postgresStore({ connectionString: PG_URL })
    for (const action of ['stale', 'ignore'] as const) {
      const reference = unique(action)
      const decision: Decision = { action }
      await store.apply(completedOrder(reference), ['audit'], () => decision)
      const rows = await admin.query('SELECT status FROM payhooks_records WHERE reference = $1', [reference])
      expect(rows.rowCount, `${action} on an unknown record`).toBe(0)
      expect(await store.getRecord('datamart', reference)).toBeNull()
    }
    await store.close()
  })
})

describe('postgres store: concurrency', () => {
  // The contract's race starts without a record, where the placeholder insert already serializes
  // the racers; on an existing record only SELECT … FOR UPDATE stops a lost update.
  it('never loses an update when events race on a record that exists', async () => {
    const store = postgresStore({ connectionString: PG_URL, max: 20 })
    for (let round = 0; round < 10; round++) {
      const reference = unique('existing-race')
      await store.expect({ provider: 'datamart', reference })
      const events = (['processing', 'authorized', 'completed', 'refunded'] as const).map((status) =>
        statusEvent('order', status, { provider: 'datamart', reference, providerStatus: status, raw: {} })
      )
      const results = await Promise.all(events.map((event) => store.apply(event, ['audit'], decideFor(event))))
      expect((await store.getRecord('datamart', reference))?.status, `round ${round}`).toBe('refunded')
      const rows = await store.notifications({ reference, limit: 1000 })
      expect(rows).toHaveLength(results.filter((r) => r.outcome === 'applied').length)
    }
    await store.close()
  })

  it('acts on each event once across 200 concurrent deliveries from 2 processes', async () => {
    const runId = unique('two-processes')
    const store = postgresStore({ connectionString: PG_URL })
    await registerPlannedRecords(store, runId)
    const outcomes = await deliverFromTwoProcesses('postgres', PG_URL, runId)
    await expectExactlyOnce(store, runId, outcomes)
    await store.close()
  })

  it('hands each of 200 stale records to exactly one of 2 processes leasing at once', async () => {
    const store = postgresStore({ connectionString: PG_URL })
    await expectTwoProcessesLeaseEachOnce('postgres', PG_URL, store, unique('lease-processes'))
    await store.close()
  })
})

describe('postgres store: reconciliation on a database of its own', () => {
  it('keeps a record\'s schedule through expect()', async () => {
    await withOwnSchema(admin, async (schema) => {
      const store = postgresStore({ pool: schema.pool() })
      await expectKeepsSchedule(store)
    })
  })
})
