import { nextAttemptAt, type RetryPolicy } from './retry-policy.js'
import type { Logger, Notifier, OutboxRow, Store } from './types.js'

export interface DrainResult {
  sent: number
  retried: number
  dead: number
}

const BATCH = 100

function withTimeout<T>(promise: Promise<T>, ms: number, name: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`notifier ${name} did not settle within ${ms} ms`)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

/**
 * Delivers outbox rows to notifiers after the commit, never on the response path. A row is marked
 * sent only after notify() resolved; a failure is retried with backoff and dead-lettered at the end.
 */
export function createOutboxDispatcher(store: Store, notifiers: readonly Notifier[], policy: RetryPolicy, logger: Logger) {
  const byName = new Map(notifiers.map((n) => [n.name, n]))
  const leaseMs = policy.timeoutMs * 3
  let running: Promise<DrainResult> | undefined
  let again = false
  let retryTimer: ReturnType<typeof setTimeout> | undefined
  let closed = false

  async function deliver(row: OutboxRow, result: DrainResult): Promise<void> {
    const notifier = byName.get(row.notifier)
    try {
      if (notifier === undefined) throw new Error(`no notifier named ${row.notifier} is configured`)
      await withTimeout(Promise.resolve().then(() => notifier.notify(row.transition)), policy.timeoutMs, row.notifier)
      await store.markSent(row.id)
      result.sent += 1
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      const retryAt = notifier === undefined ? null : nextAttemptAt(policy, row.attempts, Date.now())
      await store.markFailed(row.id, { error: message, nextAttemptAt: retryAt })
      if (retryAt === null) {
        result.dead += 1
        logger.error({ notification: row.id, notifier: row.notifier, attempts: row.attempts, error: message }, 'payhooks: notification dead-lettered')
      } else {
        result.retried += 1
        logger.warn({ notification: row.id, notifier: row.notifier, attempts: row.attempts, retryAt, error: message }, 'payhooks: notification failed, will retry')
        scheduleRetry(retryAt)
      }
    }
  }

  // Every failed row's retry time; one timer, armed for the earliest, so no retry is forgotten.
  const retryTimes = new Set<number>()

  function scheduleRetry(at: Date): void {
    if (closed) return
    retryTimes.add(at.getTime())
    armRetryTimer()
  }

  function armRetryTimer(): void {
    if (retryTimer !== undefined) clearTimeout(retryTimer)
    retryTimer = undefined
    if (retryTimes.size === 0 || closed) return
    const earliest = Math.min(...retryTimes)
    retryTimer = setTimeout(() => {
      const now = Date.now()
      for (const time of retryTimes) if (time <= now) retryTimes.delete(time)
      kick()
      armRetryTimer()
    }, Math.max(0, earliest - Date.now()))
    // A pending retry must not keep an otherwise finished process alive; drainOutbox() at start-up recovers it.
    ;(retryTimer as { unref?: () => void }).unref?.()
  }

  async function drainOnce(): Promise<DrainResult> {
    const result: DrainResult = { sent: 0, retried: 0, dead: 0 }
    for (;;) {
      const rows = await store.takeDueNotifications(new Date(), BATCH, leaseMs)
      if (rows.length === 0) return result
      await Promise.all(rows.map((row) => deliver(row, result)))
      if (rows.length < BATCH) return result
    }
  }

  /** Drains until nothing is due; concurrent callers share the run in progress. */
  function drain(): Promise<DrainResult> {
    if (running !== undefined) {
      again = true
      return running
    }
    running = (async () => {
      const total: DrainResult = { sent: 0, retried: 0, dead: 0 }
      do {
        again = false
        const result = await drainOnce()
        total.sent += result.sent
        total.retried += result.retried
        total.dead += result.dead
      } while (again)
      return total
    })().finally(() => {
      running = undefined
    })
    return running
  }

  function kick(): void {
    if (closed) return
    drain().catch((error: unknown) => logger.error({ error }, 'payhooks: outbox dispatch failed'))
  }

  return {
    drain,
    kick,
    /** Resolves when no dispatch is in flight (tests, graceful shutdown). */
    async idle(): Promise<void> {
      while (running !== undefined) await running.catch(() => undefined)
    },
    close(): void {
      closed = true
      if (retryTimer !== undefined) clearTimeout(retryTimer)
    },
  }
}

export type OutboxDispatcher = ReturnType<typeof createOutboxDispatcher>
