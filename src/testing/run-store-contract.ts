import type { Status } from '../core/status.js'
import type { Decision, Delivery, Store } from '../engine/types.js'
import { assertEqual, assertTrue, type TestApi } from './assert.js'
import { decide, NOTIFIERS, orderEvent, uniqueReference } from './store-contract-fixtures.js'
import { operatorCases } from './store-contract-operator.js'
import { staleRecordCases } from './store-contract-stale.js'

/** JSON with keys sorted at every depth: databases may reorder object keys. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  )
}

/**
 * The guarantees every Store must keep (design.md §6, and §9 for leaseStaleRecords/scheduleCheck). Run
 * it against your own store: `runStoreContract('mine', () => myStore(), { describe, it })`. Each test
 * gets a fresh store from `makeStore` and closes it afterwards. It may run against a database other
 * tests and live reconcilers share: it writes only unique references, and its reconciliation records
 * live in times of their own (see stale-records.ts), decades back and centuries ahead.
 */
export function runStoreContract(name: string, makeStore: () => Store | Promise<Store>, { describe, it }: TestApi): void {
  const withStore = (fn: (store: Store) => Promise<void>) => async () => {
    const store = await makeStore()
    try {
      await fn(store)
    } finally {
      await store.close?.()
    }
  }

  // By reference, so that a store over a shared, long-lived database sees only this test's rows.
  const pendingRowsFor = (store: Store, reference: string) => store.notifications({ reference, limit: 1000 })

  describe(`${name} store contract`, () => {
    it('applies a new event once and writes one outbox row per notifier', withStore(async (store) => {
      const reference = uniqueReference('apply')
      const event = orderEvent(reference, 'processing')
      const first = await store.apply(event, NOTIFIERS, decide(event))
      assertEqual(first.outcome, 'applied', 'first delivery')
      assertEqual(first.transition?.from, null, 'a new record is a transition from null')
      assertEqual((await store.getRecord('datamart', reference))?.status, 'processing', 'stored status')
      const again = await store.apply(event, NOTIFIERS, decide(event))
      assertEqual(again.outcome, 'duplicate', 'redelivery of the same event id')
      const rows = await pendingRowsFor(store, reference)
      assertEqual(rows.length, NOTIFIERS.length, 'one outbox row per notifier, none for the duplicate')
      assertEqual(rows.every((row) => row.state === 'pending' && row.attempts === 0), true, 'rows start pending')
    }))

    it('applies an event exactly once under 100 concurrent deliveries', withStore(async (store) => {
      const reference = uniqueReference('concurrent')
      const event = orderEvent(reference, 'completed')
      const results = await Promise.all(Array.from({ length: 100 }, () => store.apply(event, NOTIFIERS, decide(event))))
      assertEqual(results.filter((r) => r.outcome === 'applied').length, 1, 'applied count')
      assertEqual(results.filter((r) => r.outcome === 'duplicate').length, 99, 'duplicate count')
      assertEqual((await pendingRowsFor(store, reference)).length, NOTIFIERS.length, 'outbox rows')
    }))

    it('never loses an update when different events for one record race', withStore(async (store) => {
      const reference = uniqueReference('race')
      const statuses: Status[] = ['pending', 'processing', 'completed', 'refunded']
      const events = statuses.flatMap((status) => Array.from({ length: 10 }, () => orderEvent(reference, status)))
      const results = await Promise.all(events.map((event) => store.apply(event, NOTIFIERS, decide(event))))
      assertEqual((await store.getRecord('datamart', reference))?.status, 'refunded', 'the highest rank wins')
      const applied = results.filter((r) => r.outcome === 'applied')
      assertTrue(applied.length >= 1 && applied.length <= 4, `1 to 4 transitions applied, got ${applied.length}`)
      assertEqual((await pendingRowsFor(store, reference)).length, applied.length * NOTIFIERS.length, 'rows match transitions')
    }))

    it('never loses an update when events race on a record that already exists', withStore(async (store) => {
      const reference = uniqueReference('race-existing')
      // A registered record: the race is decided by the record lock, not by who creates the row.
      await store.expect({ provider: 'datamart', reference })
      const statuses: Status[] = ['processing', 'completed', 'refunded', 'processing']
      const events = statuses.map((status, i) => orderEvent(reference, status, `${status}/${i}`))
      const results = await Promise.all(events.map((event) => store.apply(event, NOTIFIERS, decide(event))))
      assertEqual((await store.getRecord('datamart', reference))?.status, 'refunded', 'the highest rank wins')
      const applied = results.filter((r) => r.outcome === 'applied').length
      assertEqual((await pendingRowsFor(store, reference)).length, applied * NOTIFIERS.length, 'rows match transitions')
    }))

    it('commits the status and its outbox rows together or not at all', withStore(async (store) => {
      const reference = uniqueReference('atomic')
      const event = orderEvent(reference, 'completed')
      let threw = false
      try {
        await store.apply(event, NOTIFIERS, () => {
          throw new Error('decide failed')
        })
      } catch {
        threw = true
      }
      assertTrue(threw, 'a failing decide rejects apply')
      assertEqual(await store.getRecord('datamart', reference), null, 'no record written')
      assertEqual((await pendingRowsFor(store, reference)).length, 0, 'no outbox rows written')
      assertEqual((await store.apply(event, NOTIFIERS, decide(event))).outcome, 'applied', 'the claim was rolled back too')
    }))

    it('keeps the claim of a stale event and releases an ignored one', withStore(async (store) => {
      const reference = uniqueReference('stale')
      const completed = orderEvent(reference, 'completed')
      await store.apply(completed, NOTIFIERS, decide(completed))
      const late = orderEvent(reference, 'pending')
      assertEqual((await store.apply(late, NOTIFIERS, decide(late))).outcome, 'stale', 'a late pending is stale')
      assertEqual((await store.apply(late, NOTIFIERS, decide(late))).outcome, 'duplicate', 'its redelivery is a duplicate')
      assertEqual((await store.getRecord('datamart', reference))?.status, 'completed', 'completed kept')

      const unknown = orderEvent(uniqueReference('ignored'), 'completed')
      const ignore = (): Decision => ({ action: 'ignore' })
      assertEqual((await store.apply(unknown, NOTIFIERS, ignore)).outcome, 'ignored', 'ignored')
      assertEqual((await store.apply(unknown, NOTIFIERS, decide(unknown))).outcome, 'applied', 'an ignored event can apply later')
    }))

    it('registers a record ahead with its expected amount and flags a disagreeing event', withStore(async (store) => {
      const reference = uniqueReference('expect')
      const expected = await store.expect({ provider: 'datamart', reference, amount: { minor: 2350, currency: 'GHS' } })
      assertEqual(expected.status, 'pending', 'expect() creates a pending record')
      assertEqual((await pendingRowsFor(store, reference)).length, 0, 'expect() notifies nobody')
      const cheap = orderEvent(reference, 'completed', 'completed', '0.01')
      const result = await store.apply(cheap, NOTIFIERS, decide(cheap))
      assertEqual(result.outcome, 'suspicious', 'amount disagreement')
      assertEqual((await store.getRecord('datamart', reference))?.status, 'pending', 'not applied')
      const rows = await pendingRowsFor(store, reference)
      assertEqual(rows.length, NOTIFIERS.length, 'a suspicious notification per notifier')
      assertEqual(rows[0]?.transition.type, 'suspicious', 'transition type')
      const right = orderEvent(reference, 'completed', 'completed/right', '23.50')
      assertEqual((await store.apply(right, NOTIFIERS, decide(right))).outcome, 'applied', 'the matching amount applies')
      const listed = await store.listRecords({ provider: 'datamart', limit: 1000 })
      assertTrue(listed.some((r) => r.reference === reference && r.status === 'completed'), 'listRecords shows it')
    }))

    it('leases due notifications, marks them sent only when told, retries and dead-letters', withStore(async (store) => {
      const reference = uniqueReference('outbox')
      const event = orderEvent(reference, 'completed')
      await store.apply(event, NOTIFIERS, decide(event))
      const now = new Date(Date.now() + 1000)
      const taken = (await store.takeDueNotifications(now, 10_000, 60_000)).filter((r) => r.transition.record.reference === reference)
      assertEqual(taken.length, NOTIFIERS.length, 'both rows are due')
      assertTrue(taken.every((row) => row.attempts === 1), 'taking a row counts an attempt')
      const again = (await store.takeDueNotifications(now, 10_000, 60_000)).filter((r) => r.transition.record.reference === reference)
      assertEqual(again.length, 0, 'leased rows are not taken twice')
      const sentBefore = await store.notifications({ state: 'sent', reference })
      assertEqual(sentBefore.length, 0, 'taken is not sent')

      const [audit, sms] = taken as [(typeof taken)[0], (typeof taken)[0]]
      await store.markSent(audit.id)
      const retryAt = new Date(now.getTime() + 5_000)
      await store.markFailed(sms.id, { error: 'gateway timeout', nextAttemptAt: retryAt })
      const early = (await store.takeDueNotifications(now, 10_000, 60_000)).filter((r) => r.transition.record.reference === reference)
      assertEqual(early.length, 0, 'a failed row waits for its next attempt')
      const later = (await store.takeDueNotifications(retryAt, 10_000, 60_000)).filter((r) => r.transition.record.reference === reference)
      assertEqual(later.length, 1, 'due again at its next attempt time')
      assertEqual(later[0]?.attempts, 2, 'second attempt')
      assertEqual(later[0]?.lastError, 'gateway timeout', 'last error kept')
      await store.markFailed(sms.id, { error: 'still down', nextAttemptAt: null })
      const far = new Date(now.getTime() + 86_400_000)
      const dead = (await store.takeDueNotifications(far, 10_000, 60_000)).filter((r) => r.transition.record.reference === reference)
      assertEqual(dead.length, 0, 'dead-lettered rows are never taken')
      const states = (await pendingRowsFor(store, reference)).map((r) => `${r.notifier}:${r.state}`).sort()
      assertEqual(states.join(','), 'audit:sent,sms:dead', 'final states')
      const transition = audit.transition
      assertEqual(transition.id, event.id, 'the transition id is the event id')
      assertEqual(transition.event.amount?.minor, 2350, 'the transition survives storage')
    }))

    it('keeps the provider\'s time of the current status, and null where the provider gave none', withStore(async (store) => {
      const reference = uniqueReference('status-at')
      const occurredAt = new Date('2025-03-01T10:00:00.123Z')
      const processing = orderEvent(reference, 'processing', 'processing', '23.50', 'datamart', occurredAt)
      await store.apply(processing, NOTIFIERS, decide(processing))
      const stored = await store.getRecord('datamart', reference)
      assertTrue(stored?.statusAt instanceof Date, 'statusAt comes back a Date')
      assertEqual(stored?.statusAt?.getTime(), occurredAt.getTime(), 'statusAt is the event\'s occurredAt, to the millisecond')
      await store.expect({ provider: 'datamart', reference, amount: { minor: 2350, currency: 'GHS' } })
      assertEqual((await store.getRecord('datamart', reference))?.statusAt?.getTime(), occurredAt.getTime(), 'expect() keeps it')
      const listed = (await store.listRecords({ provider: 'datamart', limit: 1000 })).find((r) => r.reference === reference)
      assertEqual(listed?.statusAt?.getTime(), occurredAt.getTime(), 'listRecords shows it')

      const completed = orderEvent(reference, 'completed')
      await store.apply(completed, NOTIFIERS, decide(completed))
      assertEqual((await store.getRecord('datamart', reference))?.statusAt, null, 'an event without a time leaves null')
      const registered = await store.expect({ provider: 'datamart', reference: uniqueReference('status-at-new') })
      assertEqual(registered.statusAt, null, 'a record registered ahead has no status time')
      assertEqual((await store.getRecord('datamart', registered.reference))?.statusAt, null, 'nor when read back')
    }))

    it('round-trips the delivery log, newest first, filtered', withStore(async (store) => {
      const reference = uniqueReference('log')
      const base = Date.now()
      const delivery = (i: number, provider: string): Delivery => ({
        id: `${reference}-${i}`,
        source: i === 1 ? 'poll' : 'webhook',
        provider,
        receivedAt: new Date(base + i * 1000),
        verified: i % 2 === 0,
        outcome: i % 2 === 0 ? 'applied' : 'rejected',
        errorCode: i % 2 === 0 ? null : 'SIGNATURE_MISMATCH',
        eventId: i % 2 === 0 ? `evt-${i}` : null,
        reference,
        status: i % 2 === 0 ? 'completed' : null,
        method: 'POST',
        url: '/webhooks/datamart',
        headers: { 'content-type': 'application/json', 'x-datamart-signature': '[redacted]' },
        body: `{"n":${i}}`,
      })
      for (let i = 0; i < 4; i++) await store.recordDelivery(delivery(i, i === 3 ? 'midtrans' : 'datamart'))
      const all = await store.deliveries({ reference, limit: 10 })
      assertEqual(all.map((d) => d.id).join(','), [3, 2, 1, 0].map((i) => `${reference}-${i}`).join(','), 'newest first')
      const first = all[3] as Delivery
      const original = delivery(0, 'datamart')
      assertEqual(first.receivedAt instanceof Date && first.receivedAt.getTime(), original.receivedAt.getTime(), 'receivedAt is a Date')
      assertEqual(canonicalJson({ ...first, receivedAt: 0 }), canonicalJson({ ...original, receivedAt: 0 }), 'every field round-trips')
      assertEqual(all.map((d) => d.source).join(','), 'webhook,webhook,poll,webhook', 'the source of each delivery')
      assertEqual((await store.deliveries({ reference, provider: 'midtrans' })).length, 1, 'filter by provider')
      assertEqual((await store.deliveries({ reference, limit: 2 })).length, 2, 'limit')
    }))

    staleRecordCases(it, withStore)
    operatorCases(it, withStore)
  })
}
