import type { Delivery, Store } from '../engine/types.js'
import { assertEqual, assertTrue, type TestApi } from './assert.js'
import { decide, NOTIFIERS, orderEvent, uniqueReference } from './store-contract-fixtures.js'

const MINUTE = 60_000

/**
 * What operators' tools (the CLI, the console) ask of a store: filtered lists and the retry of
 * notifications. Safe on a shared database: every assertion is about this case's own rows.
 */
export function operatorCases(it: TestApi['it'], withStore: (fn: (store: Store) => Promise<void>) => () => Promise<void>): void {
  it('requeues a dead or failed notification by id, every dead one on request, and never a sent one', withStore(async (store) => {
    const reference = uniqueReference('requeue')
    const event = orderEvent(reference, 'completed')
    await store.apply(event, NOTIFIERS, decide(event))
    const now = new Date(Date.now() + 1000)
    const [audit, sms] = (await store.takeDueNotifications(now, 10_000, MINUTE)).filter((r) => r.transition.record.reference === reference)
    assertTrue(audit !== undefined && sms !== undefined, 'both rows taken')
    await store.markSent(audit!.id)
    await store.markFailed(sms!.id, { error: 'gateway down', nextAttemptAt: null })

    assertEqual(await store.requeueNotifications({ id: audit!.id }, now), 0, 'a sent row is not requeued')
    assertEqual(await store.requeueNotifications({ id: `${sms!.id}-missing` }, now), 0, 'an unknown id requeues nothing')
    const later = new Date(now.getTime() + 10 * MINUTE)
    assertEqual(await store.requeueNotifications({ id: sms!.id }, later), 1, 'the dead row is requeued')
    const rows = await store.notifications({ reference })
    const requeued = rows.find((r) => r.id === sms!.id)
    assertEqual(requeued?.state, 'pending', 'pending again')
    assertEqual(requeued?.attempts, 0, 'its attempts start over')
    assertEqual(requeued?.nextAttemptAt.getTime(), later.getTime(), 'due at the time given')
    assertEqual(requeued?.lastError, 'gateway down', 'the last error stays for the operator to read')
    assertEqual(rows.find((r) => r.id === audit!.id)?.state, 'sent', 'the sent row is untouched')
    const retaken = (await store.takeDueNotifications(later, 10_000, MINUTE)).filter((r) => r.transition.record.reference === reference)
    assertEqual(retaken.map((r) => r.id).join(','), sms!.id, 'the requeued row is taken again, unleased')

    // Waiting out its backoff after a failed attempt: "retry now" moves it up.
    const waitUntil = new Date(later.getTime() + 60 * MINUTE)
    await store.markFailed(sms!.id, { error: 'still down', nextAttemptAt: waitUntil })
    assertEqual(await store.requeueNotifications({ id: sms!.id }, later), 1, 'a failed pending row is requeued')
    assertEqual((await store.notifications({ reference })).find((r) => r.id === sms!.id)?.nextAttemptAt.getTime(), later.getTime(), 'due now')

    await store.markFailed(sms!.id, { error: 'gave up', nextAttemptAt: null })
    assertTrue((await store.requeueNotifications({ all: true }, later)) >= 1, 'all: counts at least this dead row')
    assertEqual((await store.notifications({ reference })).map((r) => `${r.notifier}:${r.state}`).sort().join(','), 'audit:sent,sms:pending', 'all: every dead row, no sent one')
  }))

  it('lists records by reference and the stuck ones: not final and unchanged since a time', withStore(async (store) => {
    const stuck = uniqueReference('stuck')
    const done = uniqueReference('done')
    const fresh = uniqueReference('fresh')
    const old = new Date(Date.now() - 30 * MINUTE)
    for (const [reference, status, at] of [[stuck, 'pending', old], [done, 'completed', old], [fresh, 'pending', new Date()]] as const) {
      const event = orderEvent(reference, status)
      await store.apply(event, NOTIFIERS, decide(event, at))
    }
    const byReference = await store.listRecords({ reference: stuck })
    assertEqual(byReference.map((r) => r.reference).join(','), stuck, 'one record by its reference')
    assertEqual((await store.listRecords({ reference: stuck, provider: 'midtrans' })).length, 0, 'and its provider')
    const cutoff = new Date(Date.now() - 10 * MINUTE)
    const listed = await store.listRecords({ unresolvedBefore: cutoff, limit: 10_000 })
    const mine = listed.filter((r) => [stuck, done, fresh].includes(r.reference)).map((r) => r.reference)
    assertEqual(mine.join(','), stuck, 'only the pending record unchanged for 10 minutes')
    assertTrue(listed.every((r) => !['completed', 'failed', 'cancelled', 'expired', 'refunded'].includes(r.status) && r.updatedAt < cutoff), 'every listed record is stuck')
  }))

  it('finds a delivery by id and the deliveries since a time', withStore(async (store) => {
    const reference = uniqueReference('log-query')
    const base = Date.now() - 5 * MINUTE
    const delivery = (i: number): Delivery => ({
      id: `${reference}-${i}`,
      source: i === 2 ? 'replay' : 'webhook',
      provider: 'datamart',
      receivedAt: new Date(base + i * MINUTE),
      verified: true,
      outcome: 'applied',
      errorCode: null,
      eventId: `evt-${i}`,
      reference,
      status: 'completed',
      method: 'POST',
      url: '/webhooks/datamart',
      headers: {},
      body: '{}',
    })
    for (let i = 0; i < 3; i++) await store.recordDelivery(delivery(i))
    const [one] = await store.deliveries({ id: `${reference}-1` })
    assertEqual(one?.eventId, 'evt-1', 'by id')
    const since = await store.deliveries({ reference, since: new Date(base + MINUTE) })
    assertEqual(since.map((d) => `${d.id}:${d.source}`).join(','), `${reference}-2:replay,${reference}-1:webhook`, 'since is inclusive, newest first')
  }))
}
