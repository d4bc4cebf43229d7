import type { ProviderName } from '../core/event.js'
import type { Status } from '../core/status.js'
import type { ApplyResult, Delivery, OutboxRow, RecordState, StaleRecord, Store } from '../engine/types.js'
import { expectedRecord, isRequeueable, NON_FINAL_STATUSES, outboxRowsFor, recordKey } from './store-helpers.js'

export interface MemoryStoreOptions {
  /** How many deliveries the log keeps, newest first; older ones are dropped. Default 10 000. */
  maxDeliveries?: number | undefined
  /**
   * How many sent notifications the outbox keeps (each holds its whole transition), newest first;
   * older sent rows are dropped. Pending and dead rows are always kept. Default 10 000.
   */
  maxSentNotifications?: number | undefined
}

/**
 * A record as this store keeps it: times as epoch ms (NaN for a null statusAt) and the expected amount
 * in two fields, with the reconciliation schedule alongside. Three Date objects and a Money object per
 * record cost ~300 bytes more, held for every record the process ever saw.
 */
class StoredRecord {
  constructor(
    readonly provider: ProviderName,
    readonly reference: string,
    readonly status: Status,
    readonly providerStatus: string | null,
    readonly minor: number,
    readonly currency: string | null,
    readonly statusAt: number,
    readonly createdAt: number,
    readonly updatedAt: number,
    /** Status checks since the record last moved; 0 with nextCheckAt 0 when it was never checked (due). */
    public checks = 0,
    public nextCheckAt = 0,
  ) {}

  static of(r: RecordState): StoredRecord {
    const amount = r.expectedAmount
    return new StoredRecord(r.provider, r.reference, r.status, r.providerStatus, amount?.minor ?? 0, amount?.currency ?? null,
      r.statusAt?.getTime() ?? Number.NaN, r.createdAt.getTime(), r.updatedAt.getTime())
  }

  /** A fresh RecordState: callers can never mutate what the store holds. */
  toRecord(): RecordState {
    return {
      provider: this.provider,
      reference: this.reference,
      status: this.status,
      providerStatus: this.providerStatus,
      expectedAmount: this.currency === null ? null : { minor: this.minor, currency: this.currency },
      statusAt: Number.isNaN(this.statusAt) ? null : new Date(this.statusAt),
      createdAt: new Date(this.createdAt),
      updatedAt: new Date(this.updatedAt),
    }
  }
}

/**
 * Everything in one process's memory: for tests and single-process apps that can lose their history
 * on restart. `apply` runs synchronously end to end, which is what makes it atomic here.
 */
export function memoryStore(options: MemoryStoreOptions = {}): Store {
  const maxDeliveries = options.maxDeliveries ?? 10_000
  const maxSent = options.maxSentNotifications ?? 10_000
  const claims = new Set<string>()
  const records = new Map<string, StoredRecord>()
  const outbox = new Map<string, OutboxRow & { leasedUntil: number }>()
  // Ids of sent rows, oldest first from sent[sentHead]: past maxSent the oldest leaves the outbox.
  let sent: string[] = []
  let sentHead = 0
  const deliveryLog: Delivery[] = []

  // Copies keep callers from mutating what the store holds. Deliveries are flat, so a shallow copy of
  // their one nested object is enough; structuredClone would cost more than the rest of a delivery.
  // Outbox rows hold the whole transition and are deep-copied.
  const copyDelivery = (d: Delivery): Delivery => ({ ...d, headers: { ...d.headers } })
  const clone = <T>(value: T): T => structuredClone(value)

  return {
    async apply(event, notifiers, decide): Promise<ApplyResult> {
      if (claims.has(event.id)) return { outcome: 'duplicate' }
      const key = recordKey(event.provider, event.reference as string)
      const current = records.get(key)
      const decision = decide(current === undefined ? null : current.toRecord())
      switch (decision.action) {
        case 'ignore':
          return { outcome: 'ignored' }
        case 'stale':
          claims.add(event.id)
          return { outcome: 'stale' }
        case 'suspicious':
        case 'apply': {
          claims.add(event.id)
          // A record that moved is judged afresh: a new StoredRecord's checks restart and its next check is due.
          if (decision.action === 'apply') records.set(key, StoredRecord.of(decision.record))
          for (const row of outboxRowsFor(decision.transition, notifiers, new Date())) {
            if (!outbox.has(row.id)) outbox.set(row.id, { ...row, leasedUntil: 0 })
          }
          return { outcome: decision.action === 'apply' ? 'applied' : 'suspicious', transition: decision.transition }
        }
      }
    },

    async expect(input) {
      const key = recordKey(input.provider, input.reference)
      const current = records.get(key)
      const record = expectedRecord(current?.toRecord() ?? null, input, new Date())
      const stored = StoredRecord.of(record)
      // expect() keeps the record's reconciliation schedule.
      if (current !== undefined) [stored.checks, stored.nextCheckAt] = [current.checks, current.nextCheckAt]
      records.set(key, stored)
      return stored.toRecord()
    },

    async getRecord(provider: ProviderName, reference: string) {
      return records.get(recordKey(provider, reference))?.toRecord() ?? null
    },

    async listRecords(query = {}) {
      const before = query.unresolvedBefore?.getTime()
      const rows = [...records.values()].filter(
        (r) =>
          (query.provider === undefined || r.provider === query.provider) &&
          (query.reference === undefined || r.reference === query.reference) &&
          (before === undefined || (NON_FINAL_STATUSES.has(r.status) && r.updatedAt < before)),
      )
      rows.sort((a, b) => b.updatedAt - a.updatedAt)
      return rows.slice(0, query.limit ?? 100).map((r) => r.toRecord())
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
      if (row === undefined || row.state === 'sent') return
      row.state = 'sent'
      sent.push(id)
      if (sent.length - sentHead > maxSent) outbox.delete(sent[sentHead++] as string)
      // Compacted in batches, so that a full outbox costs no array shift per notification.
      if (sentHead > maxSent) [sent, sentHead] = [sent.slice(sentHead), 0]
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
      const due: StoredRecord[] = []
      for (const r of records.values()) {
        if (!NON_FINAL_STATUSES.has(r.status) || r.updatedAt >= before) continue
        if (r.nextCheckAt > now || !(query.providers?.includes(r.provider) ?? true)) continue
        due.push(r)
      }
      due.sort((a, b) => a.updatedAt - b.updatedAt)
      return due.slice(0, query.limit).map((r): StaleRecord => {
        r.nextCheckAt = now + query.leaseMs
        return { ...r.toRecord(), checks: r.checks }
      })
    },

    async scheduleCheck(provider, reference, next) {
      const r = records.get(recordKey(provider, reference))
      if (r !== undefined) [r.checks, r.nextCheckAt] = [next.checks, next.at.getTime()]
    },
  }
}
