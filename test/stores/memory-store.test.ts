import { describe, expect, it } from 'vitest'
import type { RecordState } from '../../src/engine/types.js'
import { memoryStore } from '../../src/stores/memory-store.js'
import { runStoreContract } from '../../src/testing/run-store-contract.js'
import { expectKeepsSchedule } from './fixtures/expect-keeps-schedule.js'
import { completedOrder, decideFor } from './fixtures/store-events.js'

runStoreContract('memory', () => memoryStore(), { describe, it })

describe('memoryStore delivery log bound', () => {
  it('keeps the newest maxDeliveries deliveries', async () => {
    const store = memoryStore({ maxDeliveries: 3 })
    for (let i = 0; i < 10; i++) {
      await store.recordDelivery({
        id: `d${i}`, provider: 'datamart', receivedAt: new Date(1_000 * i), verified: true, outcome: 'applied', errorCode: null,
        eventId: null, reference: 'R', status: null, source: 'webhook', method: 'POST', url: null, headers: {}, body: '',
      })
    }
    expect((await store.deliveries({ limit: 100 })).map((d) => d.id)).toEqual(['d9', 'd8', 'd7'])
  })
})

describe('memoryStore reconciliation', () => {
  it('keeps a record\'s schedule through expect()', async () => {
    await expectKeepsSchedule(memoryStore())
  })
})

describe('memoryStore outbox bound', () => {
  it('keeps the newest maxSentNotifications sent rows and every pending and dead one', async () => {
    const store = memoryStore({ maxSentNotifications: 2 })
    const references = Array.from({ length: 6 }, (_, i) => `bound-${i}`)
    for (const reference of references) {
      const event = completedOrder(reference)
      await store.apply(event, ['audit'], decideFor(event))
    }
    const rows = await store.takeDueNotifications(new Date(Date.now() + 1000), 100, 60_000)
    expect(rows).toHaveLength(6)
    for (const row of rows.slice(0, 4)) await store.markSent(row.id)
    await store.markFailed(rows[4]!.id, { error: 'gave up', nextAttemptAt: null })
    const kept = await store.notifications({ limit: 100 })
    expect(kept.map((r) => [r.transition.record.reference, r.state])).toEqual([
      ['bound-2', 'sent'],
      ['bound-3', 'sent'],
      ['bound-4', 'dead'],
      ['bound-5', 'pending'],
    ])
  })
})

describe('memoryStore compact records', () => {
  it('hands back every field of a record as it was written, null statusAt and amount included', async () => {
    const store = memoryStore()
    const bare = await store.expect({ provider: 'datamart', reference: 'compact-bare' })
    expect(bare.statusAt).toBeNull()
    expect(bare.expectedAmount).toBeNull()
    expect(await store.getRecord('datamart', 'compact-bare')).toEqual(bare)
    await store.expect({ provider: 'datamart', reference: 'compact-full', amount: { minor: 100, currency: 'GHS' } })
    const event = completedOrder('compact-full')
    let written: RecordState | undefined
    await store.apply(event, ['audit'], (current) => {
      const decision = decideFor(event)(current)
      if (decision.action === 'apply') written = { ...decision.record, statusAt: new Date('2026-01-02T03:04:05.678Z') }
      return decision.action === 'apply' ? { ...decision, record: written! } : decision
    })
    expect(written?.expectedAmount).toEqual({ minor: 100, currency: 'GHS' })
    expect(await store.getRecord('datamart', 'compact-full')).toEqual(written)
    const read = (await store.getRecord('datamart', 'compact-full'))!
    read.expectedAmount!.minor = 1
    read.updatedAt.setTime(0)
    expect(await store.getRecord('datamart', 'compact-full'), 'a caller mutating its copy changes nothing').toEqual(written)
  })
})
