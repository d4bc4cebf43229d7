import { describe, expect, it } from 'vitest'
import { memoryStore } from '../../src/stores/memory-store.js'
import { runStoreContract } from '../../src/testing/run-store-contract.js'
import { expectKeepsSchedule } from './fixtures/expect-keeps-schedule.js'

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
