import type { ProviderName } from '../core/event.js'
import type { Status } from '../core/status.js'
import type { StaleQuery, StaleRecord, Store } from '../engine/types.js'
import { decide, orderEvent } from './store-contract-fixtures.js'

const MINUTE = 60_000
/** Past any lease a test takes: where finished records are parked. */
const NEVER = new Date(Date.UTC(9999, 0, 1))

/** Minutes in the twenty years the windows are drawn from. */
const WINDOWS = 20 * 525_600

/**
 * A test's own records for the reconciliation cases, in times of their own, so that the cases hold on
 * a database that other tests, other runs of the contract and live reconcilers share:
 * - updatedAt lies in a random minute decades back (1975–1995), before any row written at the real
 *   time, so `updatedBefore: cutoff` leaves out every such row;
 * - the records are due at `now`, centuries ahead (2400–2430): a reconciler running at the real time
 *   never finds them due, and the test's own leases (now + leaseMs) only hold back records that were
 *   due at times no real reconciler reaches;
 * - the two are drawn together, the older the window the later its `now`, so that two runs at once do
 *   not take each other's records: a window newer than the other's by three hours or more lies past the
 *   other's cutoff (which spans 2 h 47 min), and one older by as much is due 4.5 h or more after the
 *   other's `now`, past every time the other leases at (at most an hour and a minute later). Two
 *   windows closer than three hours could still meet: a chance of about 1 in 30 000 per pair of runs.
 * A row of another run can still turn up in a lease, e.g. in the moment between its writing and its
 * scheduling: the cases check every row a lease returns against the query and compare only their own
 * rows exactly.
 */
export function staleRecords(store: Store) {
  const minute = Math.floor(Math.random() * WINDOWS)
  const base = Date.UTC(1975, 0, 1) + minute * MINUTE
  // Every minute older in the window is 1.5 minutes later here: a window 3 h older is due 4.5 h later.
  const now = new Date(Date.UTC(2430, 0, 1) - minute * 1.5 * MINUTE)
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
