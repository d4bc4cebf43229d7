import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Delivery, OutboxRow, RecordState, Store } from 'payhooks'
import { postgresStore } from 'payhooks/stores/postgres'
import { sqliteStore } from 'payhooks/stores/sqlite'
import { fakeStatusApis, serveFetchHandler, type ServedHandler } from 'payhooks/testing'
import { connectAdmin, PG_URL } from '../../stores/fixtures/postgres-server.js'
import { OPERATOR_CONFIG } from '../fixtures/operator-config.js'
import { SERVER_KEY, tellStory, type Story } from '../fixtures/operator-story.js'
import type { PackedCli } from '../fixtures/packed-cli.js'

interface Backend {
  name: string
  /** The --store spec the CLI is given, and what the config's store is built from. */
  setUp(dir: string): Promise<string>
  open(spec: string): Store
  tearDown(): Promise<void>
}

const sqlite: Backend = {
  name: 'SQLite',
  setUp: async (dir) => `sqlite:${join(dir, 'shop.sqlite')}`,
  open: (spec) => sqliteStore({ filename: spec.slice('sqlite:'.length) }),
  tearDown: async () => {},
}

/** A schema of its own on the shared server (search_path in the connection string), dropped afterwards. */
function postgres(): Backend {
  let admin: pg.Pool | undefined
  const schema = `payhooks_cli_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`
  return {
    name: 'PostgreSQL',
    async setUp() {
      admin = await connectAdmin()
      await admin.query(`CREATE SCHEMA ${schema}`)
      return `${PG_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`
    },
    open: (spec) => postgresStore({ connectionString: spec }),
    async tearDown() {
      await admin?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
      await admin?.end()
    },
  }
}

// The operator commands against a store an engine really wrote: read-only ones straight from the store
// (--store), the ones that act through the host's own config (jiti-loaded TypeScript).
export function operatorSuite(cli: () => PackedCli): void {
  describe.each([sqlite, postgres()])('payhooks operator commands on $name', (backend) => {
    let dataDir: string
    let spec: string
    let story: Story
    let statusApi: ServedHandler
    let env: Record<string, string>
    // The shop's project: its config beside node_modules/payhooks from the tarball.
    const cwd = () => cli().project
    const notified = () => (existsSync(env.SHOP_NOTIFIED as string) ? readFileSync(env.SHOP_NOTIFIED as string, 'utf8').trim().split('\n') : [])
    const run = (args: string[]) => cli().run(args, { env, cwd: cwd() })
    const json = async <T>(args: string[]): Promise<T> => {
      const result = await run([...args, '--json'])
      expect(result.code, result.stderr).toBe(0)
      expect(result.stdout + result.stderr).not.toContain(SERVER_KEY)
      return JSON.parse(result.stdout) as T
    }

    beforeAll(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'payhooks-cli-operator-'))
      spec = await backend.setUp(dataDir)
      story = await tellStory(() => backend.open(spec), Math.random().toString(36).slice(2, 8))
      const fake = fakeStatusApis.midtrans({ serverKey: SERVER_KEY })
      fake.setTransaction({ order_id: story.stuck, status_code: '200', transaction_status: 'settlement', gross_amount: '10000.00', fraud_status: 'accept' })
      statusApi = await serveFetchHandler(fake.fetch)
      writeFileSync(join(cwd(), 'payhooks.config.ts'), OPERATOR_CONFIG)
      env = { SHOP_STORE: spec, MIDTRANS_SERVER_KEY: SERVER_KEY, MIDTRANS_STATUS_URL: statusApi.url, SHOP_NOTIFIED: join(dataDir, 'notified.txt') }
    })
    afterAll(async () => {
      await statusApi?.close()
      await backend.tearDown()
      rmSync(dataDir, { recursive: true, force: true })
    })

    it('records: the table, and --stuck keeps only the open record unchanged that long', async () => {
      const [table, stuck, none] = await Promise.all([
        run(['records', '--store', spec]),
        json<RecordState[]>(['records', '--store', spec, '--stuck', '0s']),
        run(['records', '--store', spec, '--stuck', '1h']),
      ])
      expect(table.code).toBe(0)
      expect(table.stdout).toMatch(/^provider\s+reference\s+status\s+provider status\s+expected\s+updated$/m)
      expect(table.stdout).toMatch(new RegExp(`^midtrans\\s+${story.paid}\\s+completed\\s+settlement`, 'm'))
      expect(table.stdout).toMatch(new RegExp(`^midtrans\\s+${story.stuck}\\s+pending\\s+pending`, 'm'))
      expect(stuck.map((r) => r.reference)).toEqual([story.stuck])
      expect(none.stdout).toBe('No records stuck for 1h or more.\n')
    })

    it('deliveries: the failed webhook, verified and redacted, found by reference', async () => {
      const [failed] = await json<Delivery[]>(['deliveries', '--store', spec, '--reference', story.storeFailed])
      expect(failed).toMatchObject({ provider: 'midtrans', verified: true, outcome: 'rejected', errorCode: 'STORE_UNAVAILABLE' })
      expect(failed?.body).toContain('"signature_key":"[redacted]"')
      const byId = await json<Delivery[]>(['deliveries', '--store', spec, '--id', failed?.id as string])
      expect(byId.map((d) => d.id)).toEqual([failed?.id])
      const table = await run(['deliveries', '--store', spec, '--provider', 'midtrans', '--since', '1h'])
      expect(table.stdout).toMatch(new RegExp(`webhook\\s+rejected STORE_UNAVAILABLE\\s+${story.storeFailed}\\s+completed\\s+yes\\s+${failed?.id}`))
    })

    it('outbox: the dead notifications, then retry --all through the config delivers them', async () => {
      const [dead, refused] = await Promise.all([json<OutboxRow[]>(['outbox', '--dead', '--store', spec]), run(['outbox', 'retry', '--all', '--store', spec])])
      const ours = dead.filter((row) => [story.paid, story.stuck].includes(row.transition.record.reference))
      expect(ours.map((row) => [row.notifier, row.transition.record.reference, row.lastError])).toEqual([
        ['ops', story.paid, expect.stringContaining('ops endpoint unreachable')],
        ['ops', story.stuck, expect.stringContaining('ops endpoint unreachable')],
      ])
      expect(refused.code).toBe(2)
      expect(refused.stderr).toContain('point --config at its payhooks config')
      const retried = await json<{ requeued: number; sent: number }>(['outbox', 'retry', '--all'])
      expect(retried.requeued).toBeGreaterThanOrEqual(2)
      expect(retried.sent).toBe(retried.requeued)
      expect(notified()).toEqual(expect.arrayContaining([`${story.paid} completed`, `${story.stuck} pending`]))
      expect(await json<OutboxRow[]>(['outbox', '--dead', '--store', spec])).toEqual([])
    })

    it('replay: the webhook the store failed is applied from the log, once', async () => {
      const [failed] = await json<Delivery[]>(['deliveries', '--store', spec, '--reference', story.storeFailed])
      const result = await run(['replay', failed?.id as string])
      expect(result.code, result.stderr).toBe(0)
      expect(result.stdout).toMatch(new RegExp(`^✓ replayed ${failed?.id}: applied \\(midtrans ${story.storeFailed}\\), logged as `, 'm'))
      const [replay] = await json<Delivery[]>(['deliveries', '--store', spec, '--reference', story.storeFailed, '--limit', '1'])
      expect(replay).toMatchObject({ source: 'replay', outcome: 'applied', verified: true })
      const refused = await run(['replay', replay?.id as string])
      expect(refused.code).toBe(1)
      expect(refused.stdout).toContain('not replayed (not_verified)')
      expect(notified()).toContain(`${story.storeFailed} completed`)
    })

    it('reconcile: a line per record off a terminal; the stuck order is settled from the status API', async () => {
      const result = await run(['reconcile', '--older-than', '0s', '--provider', 'midtrans'])
      expect(result.code, result.stderr).toBe(0)
      expect(result.stdout).toMatch(new RegExp(`^\\d+/\\d+ midtrans ${story.stuck} applied$`, 'm'))
      expect(result.stdout).toMatch(/^checked \d+ · applied \d+ · unchanged \d+ · notFound \d+ · unsupported 0 · failed 0$/m)
      const [[record], [poll], again] = await Promise.all([
        json<RecordState[]>(['records', '--store', spec, '--reference', story.stuck]),
        json<Delivery[]>(['deliveries', '--store', spec, '--reference', story.stuck, '--limit', '1']),
        // One record on demand, whatever its age: now final, so the status API reports it unchanged.
        run(['reconcile', '--provider', 'midtrans', '--reference', story.stuck]),
      ])
      expect(record?.status).toBe('completed')
      expect(poll?.source).toBe('poll')
      expect(notified()).toContain(`${story.stuck} completed`)
      expect(again.code, again.stderr).toBe(0)
      expect(again.stdout).toBe(`✓ midtrans ${story.stuck}: unchanged (now completed)\n`)
    })
  })
}
