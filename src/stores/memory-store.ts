import type { ProviderName } from '../core/event.js'
import type { ApplyResult, Delivery, OutboxRow, RecordState, Store } from '../engine/types.js'
import { expectedRecord, outboxRowsFor, recordKey } from './store-helpers.js'

/**
 * Everything in one process's memory: for tests and single-process apps that can lose their history
 * on restart. `apply` runs synchronously end to end, which is what makes it atomic here.
 */
export function memoryStore(): Store {
  const claims = new Set<string>()
  const records = new Map<string, RecordState>()
  const outbox = new Map<string, OutboxRow & { leasedUntil: number }>()
  const deliveryLog: Delivery[] = []

  const clone = <T>(value: T): T => structuredClone(value)

  return {
    async apply(event, notifiers, decide): Promise<ApplyResult> {
      if (claims.has(event.id)) return { outcome: 'duplicate' }
      const key = recordKey(event.provider, event.reference as string)
      const current = records.get(key)
      const decision = decide(current === undefined ? null : clone(current))
      switch (decision.action) {
        case 'ignore':
          return { outcome: 'ignored' }
        case 'stale':
          claims.add(event.id)
          return { outcome: 'stale' }
        case 'suspicious':
        case 'apply': {
          claims.add(event.id)
          if (decision.action === 'apply') records.set(key, clone(decision.record))
          for (const row of outboxRowsFor(decision.transition, notifiers, new Date())) {
            if (!outbox.has(row.id)) outbox.set(row.id, { ...row, leasedUntil: 0 })
          }
          return { outcome: decision.action === 'apply' ? 'applied' : 'suspicious', transition: decision.transition }
        }
      }
    },

    async expect(input) {
      const key = recordKey(input.provider, input.reference)
      const record = expectedRecord(records.get(key) ?? null, input, new Date())
      records.set(key, record)
      return clone(record)
    },

    async getRecord(provider: ProviderName, reference: string) {
      const record = records.get(recordKey(provider, reference))
      return record === undefined ? null : clone(record)
    },

    async listRecords(query = {}) {
      const rows = [...records.values()].filter((r) => query.provider === undefined || r.provider === query.provider)
      rows.sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime())
      return clone(rows.slice(0, query.limit ?? 100))
    },

    async recordDelivery(delivery) {
      deliveryLog.push(clone(delivery))
    },

    async deliveries(query = {}) {
      return clone(
        [...deliveryLog]
          .reverse()
          .filter((d) => (query.provider === undefined || d.provider === query.provider) && (query.reference === undefined || d.reference === query.reference))
          .slice(0, query.limit ?? 100),
      )
    },

    async takeDueNotifications(now, limit, leaseMs) {
      const due: OutboxRow[] = []
      for (const row of outbox.values()) {
        if (due.length >= limit) break
        if (row.state !== 'pending' || row.nextAttemptAt.getTime() > now.getTime() || row.leasedUntil > now.getTime()) continue
        row.leasedUntil = now.getTime() + leaseMs
        row.attempts += 1
        const { leasedUntil: _lease, ...plain } = row
        due.push(clone(plain))
      }
      return due
    },

    async markSent(id) {
      const row = outbox.get(id)
      if (row !== undefined) row.state = 'sent'
    },

    async markFailed(id, failure) {
      const row = outbox.get(id)
      if (row === undefined) return
      row.lastError = failure.error
      row.leasedUntil = 0
      if (failure.nextAttemptAt === null) row.state = 'dead'
      else row.nextAttemptAt = failure.nextAttemptAt
    },

    async notifications(query = {}) {
      const rows = [...outbox.values()].filter((r) => query.state === undefined || r.state === query.state)
      return clone(rows.slice(0, query.limit ?? 100).map(({ leasedUntil: _lease, ...row }) => row))
    },
  }
}
