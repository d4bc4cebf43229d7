import type { ProviderName } from '../core/event.js'
import type { Status } from '../core/status.js'
import type { StaleQuery, StaleRecord, Store } from '../engine/types.js'
import { decide, orderEvent } from './store-contract-fixtures.js'

const MINUTE = 60_000
/** Past any lease a test takes: where finished records are parked. */
const NEVER = new Date(Date.UTC(9999, 0, 1))

const randomMinute = (from: number, years: number) => from + Math.floor(Math.random() * years * 525_600) * MINUTE

/**
 * A test's own records for the reconciliation cases, in times of their own, so that the cases hold on
 * a database that other tests and live reconcilers share, and disturb neither:
 * - updatedAt lies in a random minute decades back (1975–1995), before any row written at the real
 *   time, so `updatedBefore: cutoff` leaves out every such row;
 * - the records are due at `now`, a random minute centuries ahead (2400–2430): a reconciler running at
 *   the real time never finds them due, and the test's own leases (now + leaseMs) only ever hold back
 *   records that were due at a time no real reconciler reaches.
 * Rows of another run in the same old decades can still turn up: the cases check every row a lease
 * returns against the query and compare only their own rows exactly.
 */
export function staleRecords(store: Store) {
  const base = randomMinute(Date.UTC(1975, 0, 1), 20)
  const now = new Date(randomMinute(Date.UTC(2400, 0, 1), 30))
  const cutoff = new Date(base + 10_000_000)
  const created = new Map<string, { provider: ProviderName; reference: string }>()
  const key = (record: { provider: string; reference: string }) => `${record.provider}\u0000${record.reference}`
  const updatedAt = (i: number) => new Date(base + i * 1000)

  return {
    now,
    /** After the updatedAt of every record with an index below 10 000. */
    cutoff,
    /** The i-th second of the window: what `create` gives the record as updatedAt. */
    updatedAt,
    later: (ms: number) => new Date(now.getTime() + ms),

    /** A lease over this window: updated before the cutoff, due at `now`; `options` override any field. */
    query: (options: Partial<StaleQuery> = {}): StaleQuery => ({ updatedBefore: cutoff, now, leaseMs: 60_000, limit: 1000, ...options }),

    /** Writes a record in `status`, updated at `updatedAt(i)`, due at `now`. */
    async create(reference: string, status: Status, i: number, provider: ProviderName = 'datamart'): Promise<void> {
      const event = orderEvent(reference, status, status, '23.50', provider)
      created.set(key({ provider, reference }), { provider, reference })
      await store.apply(event, [], decide(event, updatedAt(i)))
      await store.scheduleCheck(provider, reference, { at: now, checks: 0 })
    },

    /** The records among `rows` that this set created. */
    own: (rows: readonly StaleRecord[]) => rows.filter((row) => created.has(key(row))),

    /** Parks every record this set created at year 9999, where no lease reaches them. */
    async retire(): Promise<void> {
      for (const { provider, reference } of created.values()) await store.scheduleCheck(provider, reference, { at: NEVER, checks: 0 })
    },
  }
}

export type StaleRecords = ReturnType<typeof staleRecords>
