import type { ProviderName } from '../core/event.js'
import type { ApplyResult, Delivery, OutboxRow, RecordState, StaleRecord, Store } from '../engine/types.js'
import { expectedRecord, isRequeueable, NON_FINAL_STATUSES, outboxRowsFor, recordKey } from './store-helpers.js'

export interface MemoryStoreOptions {
  /** How many deliveries the log keeps, newest first; older ones are dropped. Default 10 000. */
  maxDeliveries?: number
}

/**
 * Everything in one process's memory: for tests and single-process apps that can lose their history
 * on restart. `apply` runs synchronously end to end, which is what makes it atomic here.
 */
export function memoryStore(options: MemoryStoreOptions = {}): Store {
  const maxDeliveries = options.maxDeliveries ?? 10_000
  const claims = new Set<string>()
  const records = new Map<string, RecordState>()
  // Reconciliation state by record key; a record without an entry was never checked and is due.
  const schedule = new Map<string, { checks: number; nextCheckAt: number }>()
  const outbox = new Map<string, OutboxRow & { leasedUntil: number }>()
  const deliveryLog: Delivery[] = []

  // Copies keep callers from mutating what the store holds. Records and deliveries are flat, so a
  // shallow copy of their one nested object is enough; structuredClone would cost more than the rest of
  // a delivery. Outbox rows hold the whole transition and are deep-copied.
  const copyRecord = (r: RecordState): RecordState => ({ ...r, expectedAmount: r.expectedAmount === null ? null : { ...r.expectedAmount } })
  const copyDelivery = (d: Delivery): Delivery => ({ ...d, headers: { ...d.headers } })
  const clone = <T>(value: T): T => structuredClone(value)

  return {
    async apply(event, notifiers, decide): Promise<ApplyResult> {
      if (claims.has(event.id)) return { outcome: 'duplicate' }
      const key = recordKey(event.provider, event.reference as string)
      const current = records.get(key)
      const decision = decide(current === undefined ? null : copyRecord(current))
      switch (decision.action) {
        case 'ignore':
          return { outcome: 'ignored' }
        case 'stale':
          claims.add(event.id)
          return { outcome: 'stale' }
        case 'suspicious':
        case 'apply': {
          claims.add(event.id)
          if (decision.action === 'apply') {
            records.set(key, copyRecord(decision.record))
            // A record that moved is judged afresh: its checks restart and its next check is due.
            schedule.delete(key)
          }
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
      return copyRecord(record)
    },

    async getRecord(provider: ProviderName, reference: string) {
      const record = records.get(recordKey(provider, reference))
      return record === undefined ? null : copyRecord(record)
    },

    async listRecords(query = {}) {
      const before = query.unresolvedBefore?.getTime()
      const rows = [...records.values()].filter(
        (r) =>
          (query.provider === undefined || r.provider === query.provider) &&
          (query.reference === undefined || r.reference === query.reference) &&
          (before === undefined || (NON_FINAL_STATUSES.has(r.status) && r.updatedAt.getTime() < before)),
      )
      rows.sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime())
      return rows.slice(0, query.limit ?? 100).map(copyRecord)
    },

    async recordDelivery(delivery) {
      deliveryLog.push(copyDelivery(delivery))
      // Trimmed in batches, so that a full log costs no array shift per delivery.
      if (deliveryLog.length > maxDeliveries * 2) deliveryLog.splice(0, deliveryLog.length - maxDeliveries)
    },

    async deliveries(query = {}) {
      const since = query.since?.getTime()
      return [...deliveryLog]
        .reverse()
        .filter(
          (d) =>
            (query.provider === undefined || d.provider === query.provider) &&
            (query.reference === undefined || d.reference === query.reference) &&
            (query.id === undefined || d.id === query.id) &&
            (since === undefined || d.receivedAt.getTime() >= since),
        )
        .slice(0, Math.min(query.limit ?? 100, maxDeliveries))
        .map(copyDelivery)
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
      const rows = [...outbox.values()].filter(
        (r) => (query.state === undefined || r.state === query.state) && (query.reference === undefined || r.transition.record.reference === query.reference),
      )
      return clone(rows.slice(0, query.limit ?? 100).map(({ leasedUntil: _lease, ...row }) => row))
    },

    async requeueNotifications(target, now) {
      let requeued = 0
      for (const row of outbox.values()) {
        if ('id' in target ? row.id !== target.id : row.state !== 'dead') continue
        if (!isRequeueable(row)) continue
        Object.assign(row, { state: 'pending', nextAttemptAt: now, attempts: 0, leasedUntil: 0 })
        requeued += 1
      }
      return requeued
    },

    // Synchronous from the filter to the last lease, so concurrent calls never share a record.
    async leaseStaleRecords(query) {
      const now = query.now.getTime()
      const before = query.updatedBefore.getTime()
      const due: [string, RecordState][] = []
      for (const entry of records) {
        const [key, r] = entry
        if (!NON_FINAL_STATUSES.has(r.status) || r.updatedAt.getTime() >= before) continue
        if ((schedule.get(key)?.nextCheckAt ?? 0) > now || !(query.providers?.includes(r.provider) ?? true)) continue
        due.push(entry)
      }
      due.sort(([, a], [, b]) => a.updatedAt.getTime() - b.updatedAt.getTime())
      return due.slice(0, query.limit).map(([key, record]): StaleRecord => {
        const checks = schedule.get(key)?.checks ?? 0
        schedule.set(key, { checks, nextCheckAt: now + query.leaseMs })
        return { ...copyRecord(record), checks }
      })
    },

    async scheduleCheck(provider, reference, next) {
      const key = recordKey(provider, reference)
      if (records.has(key)) schedule.set(key, { checks: next.checks, nextCheckAt: next.at.getTime() })
    },
  }
}
