import { afterAll, describe, expect, it } from 'vitest'
import { migratePostgres, POSTGRES_MIGRATIONS, postgresStore } from '../../../src/stores/postgres/index.js'
import { SQL } from '../../../src/stores/postgres/postgres-sql.js'
import { connectAdmin, PG_URL, withOwnSchema } from '../fixtures/postgres-server.js'
import { expectRelease1RowsUpgraded, postgresSchemaAtRelease1 } from '../fixtures/release-1.js'
import { completedOrder, decideFor } from '../fixtures/store-events.js'

const admin = await connectAdmin()
afterAll(() => admin.end())

const versionsIn = async (schema: string) =>
  (await admin.query(`SELECT version FROM ${schema}.payhooks_migrations ORDER BY version`)).rows.map((row) => row.version)

describe('postgres store: migrations', () => {
  it('migrates an empty schema once when two pools migrate at once, and again is a no-op', async () => {
    await withOwnSchema(admin, async (schema) => {
      const pools = [schema.pool(1), schema.pool(1)]
      const [first, second] = await Promise.all(pools.map((pool) => migratePostgres(pool)))
      const every = POSTGRES_MIGRATIONS.map((m) => m.version)
      expect([...first!, ...second!].sort()).toEqual(every)
      expect(await versionsIn(schema.name)).toEqual(every)
      const tables = await admin.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`, [
        schema.name,
      ])
      expect(tables.rows.map((row) => row.table_name)).toEqual([
        'payhooks_claims',
        'payhooks_deliveries',
        'payhooks_migrations',
        'payhooks_outbox',
        'payhooks_records',
      ])
      expect(await migratePostgres(pools[0]!)).toEqual([])
      expect(await migratePostgres(pools[1]!)).toEqual([])
    })
  })

  it('store.migrate() reports nothing to do on a migrated database', async () => {
    const store = postgresStore({ connectionString: PG_URL })
    await store.migrate()
    expect(await store.migrate()).toEqual([])
    await store.close()
  })

  it('upgrades a database the last release created in place, once, while two stores open it at once', async () => {
    await withOwnSchema(admin, async (schema) => {
      const reference = 'release-1-order'
      const setup = await schema.pool(1).connect()
      try {
        await postgresSchemaAtRelease1(setup, reference)
      } finally {
        setup.release()
      }
      expect(await versionsIn(schema.name)).toEqual([1])

      // One store migrates on its first call, the other by migrate(): they queue on the advisory lock.
      const opening = postgresStore({ pool: schema.pool() })
      const deploying = postgresStore({ pool: schema.pool() })
      const [record, applied] = await Promise.all([opening.getRecord('datamart', reference), deploying.migrate()])
      expect(record?.statusAt).toBeNull()
      expect([[], [2, 3, 4]], 'versions 2 to 4 are applied by whichever store came first').toContainEqual(applied)
      expect(await versionsIn(schema.name)).toEqual([1, 2, 3, 4])
      await expectRelease1RowsUpgraded(opening, reference)
    })
  })

  it('upgrades a version 3 database in place: apply() then claims and locks through the new function', async () => {
    await withOwnSchema(admin, async (schema) => {
      const reference = 'v3-order'
      const setup = await schema.pool(1).connect()
      try {
        // Versions 1 to 3 as that release's migrate() left them, with a record it applied.
        await setup.query('CREATE TABLE payhooks_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())')
        for (const migration of POSTGRES_MIGRATIONS.filter((m) => m.version <= 3)) {
          await setup.query(migration.sql)
          await setup.query('INSERT INTO payhooks_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name])
        }
        await setup.query(`INSERT INTO payhooks_records (provider, reference, status, provider_status) VALUES ('datamart', $1, 'processing', 'processing')`, [reference])
      } finally {
        setup.release()
      }
      const store = postgresStore({ pool: schema.pool() })
      expect(await store.migrate()).toEqual([4])
      expect(await versionsIn(schema.name)).toEqual([1, 2, 3, 4])
      const event = completedOrder(reference)
      const applied = await store.apply(event, ['audit'], decideFor(event))
      expect(applied.outcome === 'applied' && applied.transition?.from).toBe('processing')
      expect((await store.apply(event, ['audit'], decideFor(event))).outcome).toBe('duplicate')
      const fresh = completedOrder('v3-new-order')
      expect((await store.apply(fresh, ['audit'], decideFor(fresh))).outcome).toBe('applied')
      expect((await store.getRecord('datamart', 'v3-new-order'))?.status).toBe('completed')
      expect(await store.notifications({ limit: 10 })).toHaveLength(2)
    })
  })

  it('serves the stale-record lease from the partial index', async () => {
    await withOwnSchema(admin, async (schema) => {
      const client = await schema.pool(1).connect()
      try {
        await migratePostgres(schema.pool(1))
        // With sequential scans priced out, the planner names the index it can use, if any.
        await client.query('SET enable_seqscan = off')
        const now = new Date()
        for (const providers of [null, ['datamart']]) {
          const plan = await client.query(`EXPLAIN ${SQL.leaseStale}`, [now, now, now, 10, providers])
          expect(plan.rows.map((row) => row['QUERY PLAN']).join('\n')).toContain('payhooks_records_stale')
        }
      } finally {
        client.release()
      }
    })
  })
})
