import type { Status } from '../core/status.js'
import type { StaleQuery, StaleRecord, Store } from '../engine/types.js'
import { assertEqual, assertTrue, type TestApi } from './assert.js'
import { staleRecords } from './stale-records.js'
import { decide, orderEvent, uniqueReference } from './store-contract-fixtures.js'

// Spelled out from the Store interface rather than imported from the shipped stores, so that the
// contract checks their list instead of repeating it.
const NON_FINAL: ReadonlySet<Status> = new Set(['pending', 'processing', 'authorized', 'review'])
const HOUR = 3_600_000

const keyOf = (record: { provider: string; reference: string }) => `${record.provider}:${record.reference}`
const references = (rows: readonly StaleRecord[]) => rows.map((row) => row.reference).join(',')

/**
 * What holds for every row a lease returns, this test's or not: it answers the query, comes oldest
 * first, at most `limit` of them, each once.
 */
function assertAnswers(rows: readonly StaleRecord[], query: StaleQuery, label: string): void {
  assertTrue(rows.length <= query.limit, `${label}: at most limit (${query.limit}) records, got ${rows.length}`)
  assertEqual(new Set(rows.map(keyOf)).size, rows.length, `${label}: no record twice`)
  rows.forEach((row, i) => {
    assertTrue(NON_FINAL.has(row.status), `${label}: ${row.reference} is in a non-final status, not ${row.status}`)
    assertTrue(row.updatedAt instanceof Date && row.updatedAt < query.updatedBefore, `${label}: ${row.reference} was updated before the cutoff`)
    assertTrue(query.providers === undefined || query.providers.includes(row.provider), `${label}: ${row.reference} is of a filtered provider`)
    const previous = rows[i - 1]
    assertTrue(previous === undefined || previous.updatedAt <= row.updatedAt, `${label}: oldest updatedAt first`)
  })
}

/** The reconciliation cases of the store contract (design.md §9), run by `runStoreContract`. */
export function staleRecordCases(it: TestApi['it'], withStore: (fn: (store: Store) => Promise<void>) => () => Promise<void>): void {
  // Every case works in a window of its own times (see staleRecords) and parks its records at the end.
  const withStale = (fn: (store: Store, set: ReturnType<typeof staleRecords>) => Promise<void>) =>
    withStore(async (store) => {
      const set = staleRecords(store)
      try {
        await fn(store, set)
      } finally {
        await set.retire()
      }
    })

  const lease = async (store: Store, query: StaleQuery, label: string) => {
    const rows = await store.leaseStaleRecords(query)
    assertAnswers(rows, query, label)
    return rows
  }

  it('leases only non-final records updated before the cutoff, oldest first, up to the limit', withStale(async (store, set) => {
    // Written out of age order, so that the order of insertion is not the answer.
    const plan: [Status, number][] = [
      ['review', 5], ['completed', 1], ['pending', 3], ['failed', 2], ['processing', 7],
      ['authorized', 4], ['refunded', 6], ['cancelled', 8], ['expired', 9], ['pending', 0],
    ]
    const written = plan.map(([status, i]) => ({ reference: uniqueReference(`stale-${status}`), status, i }))
    for (const { reference, status, i } of written) await set.create(reference, status, i)
    // Updated exactly at the cutoff: not before it.
    await set.create(uniqueReference('stale-at-cutoff'), 'pending', 10_000)
    const expected = written.filter((r) => NON_FINAL.has(r.status)).sort((a, b) => a.i - b.i)

    const first = await lease(store, set.query({ limit: 2 }), 'limit 2')
    assertEqual(first.length, 2, 'a lease with limit 2 hands out 2 records when more are stale')
    const firstOwn = set.own(first)
    assertEqual(references(firstOwn), expected.slice(0, firstOwn.length).map((r) => r.reference).join(','), 'the oldest come first')
    const rest = set.own(await lease(store, set.query(), 'the rest'))
    assertEqual(references([...firstOwn, ...rest]), expected.map((r) => r.reference).join(','), 'every stale record once, oldest first')
    for (const row of [...firstOwn, ...rest]) {
      const wanted = expected.find((r) => r.reference === row.reference)!
      assertEqual(row.status, wanted.status, `${row.reference}: status`)
      assertEqual(row.updatedAt.getTime(), set.updatedAt(wanted.i).getTime(), `${row.reference}: updatedAt`)
      assertEqual(row.checks, 0, `${row.reference}: never checked`)
    }
  }))

  it('leases only records of the providers asked for', withStale(async (store, set) => {
    const [first, second, third] = [uniqueReference('providers-a'), uniqueReference('providers-b'), uniqueReference('providers-c')]
    await set.create(first, 'pending', 1, 'datamart')
    await set.create(second, 'processing', 2, 'midtrans')
    await set.create(third, 'review', 3, 'datamart')
    const none = await lease(store, set.query({ providers: [] }), 'no providers')
    assertEqual(none.length, 0, 'an empty provider list leases nothing')
    const midtrans = await lease(store, set.query({ providers: ['midtrans'] }), 'midtrans only')
    assertEqual(references(set.own(midtrans)), second, 'only the midtrans record')
    const all = await lease(store, set.query(), 'every provider')
    assertEqual(references(set.own(all)), `${first},${third}`, 'the others, without the one already leased')
  }))

  it('does not hand a leased record out again until now + leaseMs', withStale(async (store, set) => {
    const reference = uniqueReference('lease')
    await set.create(reference, 'pending', 1)
    assertEqual(references(set.own(await lease(store, set.query({ leaseMs: 60_000 }), 'first'))), reference, 'leased')
    assertEqual(set.own(await lease(store, set.query(), 'again')).length, 0, 'not again at the same now')
    assertEqual(set.own(await lease(store, set.query({ now: set.later(59_999) }), 'before')).length, 0, 'not before the lease ends')
    const after = set.own(await lease(store, set.query({ now: set.later(60_001) }), 'after'))
    assertEqual(references(after), reference, 'handed out again once the lease has passed')
    assertEqual(after[0]?.checks, 0, 'a lease does not count as a check')
  }))

  it('scheduleCheck backs a record off until its time and keeps its count of checks', withStale(async (store, set) => {
    const reference = uniqueReference('schedule')
    await set.create(reference, 'processing', 1)
    await lease(store, set.query(), 'the poll')
    await store.scheduleCheck('datamart', reference, { at: set.later(HOUR), checks: 3 })
    assertEqual(set.own(await lease(store, set.query({ now: set.later(HOUR - 1) }), 'early')).length, 0, 'backed off until its time')
    const due = set.own(await lease(store, set.query({ now: set.later(HOUR) }), 'due'))
    assertEqual(references(due), reference, 'due at its time')
    assertEqual(due[0]?.checks, 3, 'the count of checks is kept')

    const missing = uniqueReference('schedule-missing')
    await store.scheduleCheck('datamart', missing, { at: set.now, checks: 1 })
    assertEqual(await store.getRecord('datamart', missing), null, 'scheduling a record that does not exist creates none')
  }))

  it('apply() restarts the checks of a record whose status it changes, and keeps them otherwise', withStale(async (store, set) => {
    const reference = uniqueReference('reset')
    await set.create(reference, 'pending', 1)
    await store.scheduleCheck('datamart', reference, { at: set.later(HOUR), checks: 5 })

    const same = orderEvent(reference, 'pending', 'pending/again')
    assertEqual((await store.apply(same, [], decide(same, set.updatedAt(2)))).outcome, 'stale', 'the same status is stale')
    assertEqual(set.own(await lease(store, set.query(), 'after a stale event')).length, 0, 'a stale event keeps the back-off')

    const occurredAt = new Date('2025-06-01T08:30:00.250Z')
    const moved = orderEvent(reference, 'processing', 'processing', '23.50', 'datamart', occurredAt)
    assertEqual((await store.apply(moved, [], decide(moved, set.updatedAt(3)))).outcome, 'applied', 'a new status applies')
    const [row] = set.own(await lease(store, set.query(), 'after the move'))
    assertEqual(row?.reference, reference, 'a record that moved is due at once')
    assertEqual(row?.checks, 0, 'its checks restart')
    assertEqual(row?.status, 'processing', 'with its new status')
    assertEqual(row?.statusAt?.getTime(), occurredAt.getTime(), 'and the time the provider gave it')
  }))

  it('hands each of 50 stale records to exactly one of 20 concurrent leases', withStale(async (store, set) => {
    const written = Array.from({ length: 50 }, (_, i) => ({ reference: uniqueReference(`concurrent-lease-${i}`), i }))
    await Promise.all(written.map(({ reference, i }) => set.create(reference, i % 2 === 0 ? 'pending' : 'processing', i)))
    const query = set.query({ limit: 10 })
    const batches = await Promise.all(Array.from({ length: 20 }, () => lease(store, query, 'concurrent')))
    const handedOut = batches.flatMap((batch) => set.own(batch)).map((row) => row.reference)
    assertEqual(new Set(handedOut).size, handedOut.length, 'no record is handed out twice')
    assertEqual(handedOut.sort().join(','), written.map((r) => r.reference).sort().join(','), 'together they hand out all 50')
  }))
}
