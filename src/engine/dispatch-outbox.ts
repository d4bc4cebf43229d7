import { errorMessage } from '../core/error-message.js'
import { startNotifyAttempt, type AttemptOutcome, type NotifyAttempt } from './notify-attempt.js'
import { createOutboxWake } from './outbox-wake.js'
import { leaseMsOf, nextAttemptAt, type RetryPolicy } from './retry-policy.js'
import type { Logger, Notifier, OutboxRow, Store } from './types.js'
import { unrefTimer } from './unref-timer.js'

export interface DrainResult {
  sent: number
  retried: number
  dead: number
}

const BATCH = 100

/** One drain in progress. A retired run stops before its next batch: a fresh one has taken over. */
interface Run {
  done: Promise<DrainResult>
  retired: boolean
}

/**
 * Delivers outbox rows to notifiers after the commit, never on the response path. A row is marked
 * sent only after notify() resolved; a failure is retried with backoff and dead-lettered at the end.
 *
 * It keeps itself moving: created with notifiers, it drains at once (rows a crash left behind), and one
 * unref'd timer wakes it for the retries it scheduled and, every lease (3 × retry.timeoutMs), to pick up
 * rows another instance leased and never finished. Every notify() has a deadline (retry.timeoutMs): its
 * signal is aborted and the drain moves on, so no notifier can wedge drain() or idle().
 */
export function createOutboxDispatcher(store: Store, notifiers: readonly Notifier[], policy: RetryPolicy, logger: Logger) {
  const byName = new Map(notifiers.map((n) => [n.name, n]))
  const leaseMs = leaseMsOf(policy)
  // An attempt's own timer fires at its deadline give or take a busy event loop; only well after that
  // is it taken for dead.
  const rescueGraceMs = Math.min(policy.timeoutMs, 1_000)
  const inFlight = new Set<NotifyAttempt>()
  // Without notifiers this engine delivers nothing of its own (a CLI, a reconciler): it must not go
  // looking for other processes' rows on its own.
  const wake = notifiers.length > 0 ? createOutboxWake(() => kick(), leaseMs) : undefined
  let running: Run | undefined
  let again = false
  let closed = false

  async function recordOutcome(row: OutboxRow, leaseEnd: number, outcome: AttemptOutcome, result: DrainResult): Promise<void> {
    if (outcome.sent) {
      await store.markSent(row.id)
      result.sent += 1
      return
    }
    const known = byName.has(row.notifier)
    let retryAt = known ? nextAttemptAt(policy, row.attempts, Date.now()) : null
    // The abandoned notify() may still be running (a notifier that ignores its signal): retrying it
    // before the lease ends would break the lease's promise that nobody else runs it until then.
    if (outcome.abandoned && retryAt !== null && retryAt.getTime() < leaseEnd) retryAt = new Date(leaseEnd)
    await store.markFailed(row.id, { error: outcome.error, nextAttemptAt: retryAt })
    if (outcome.abandoned) {
      // Attached after markFailed, so that a notify() resolving at once still ends the row sent.
      void outcome.late.then((delivered) => (delivered && !closed ? store.markSent(row.id) : undefined)).catch((error: unknown) =>
        logger.error({ notification: row.id, error: errorMessage(error) }, 'payhooks: could not mark a late notification sent'),
      )
    }
    const context = { notification: row.id, notifier: row.notifier, attempts: row.attempts, error: outcome.error }
    if (retryAt === null) {
      result.dead += 1
      logger.error(context, 'payhooks: notification dead-lettered')
    } else {
      result.retried += 1
      logger.warn({ ...context, retryAt }, 'payhooks: notification failed, will retry')
      wake?.dueAt(retryAt.getTime())
    }
  }

  async function deliver(row: OutboxRow, leaseEnd: number, result: DrainResult): Promise<void> {
    const notifier = byName.get(row.notifier)
    let outcome: AttemptOutcome
    if (notifier === undefined) {
      outcome = { sent: false, abandoned: false, error: `no notifier named ${row.notifier} is configured` }
    } else {
      const attempt = startNotifyAttempt(notifier, row.transition, policy.timeoutMs)
      inFlight.add(attempt)
      outcome = await attempt.outcome
      inFlight.delete(attempt)
    }
    try {
      await recordOutcome(row, leaseEnd, outcome, result)
    } catch (error) {
      // The row stays leased: it is due again when the lease ends, and the wake timer knows it.
      logger.error({ notification: row.id, error: errorMessage(error) }, 'payhooks: could not record a notification outcome')
      wake?.dueAt(leaseEnd)
    }
  }

  /** The engine's logger tells suspicious events at info; a notifier may drop them, so say it louder once. */
  function warnSuspicious(rows: readonly OutboxRow[]): void {
    const warned = new Set<string>()
    for (const { transition, attempts } of rows) {
      if (transition.type !== 'suspicious' || attempts !== 1 || warned.has(transition.id)) continue
      warned.add(transition.id)
      const { provider, reference } = transition.record
      logger.warn({ provider, reference, eventId: transition.event.id, claimed: transition.to, reason: transition.reason }, 'payhooks: suspicious event not applied')
    }
  }

  async function run(current: Pick<Run, 'retired'>): Promise<DrainResult> {
    const total: DrainResult = { sent: 0, retried: 0, dead: 0 }
    let checkedAt: number | undefined
    do {
      again = false
      for (;;) {
        if (closed || current.retired) return total
        const now = Date.now()
        const rows = await store.takeDueNotifications(new Date(now), BATCH, leaseMs)
        warnSuspicious(rows)
        await Promise.all(rows.map((row) => deliver(row, now + leaseMs, total)))
        if (rows.length < BATCH) {
          // Everything due at `now` was taken.
          checkedAt = now
          break
        }
      }
    } while (again && !current.retired)
    if (checkedAt !== undefined && !current.retired) wake?.covered(checkedAt)
    return total
  }

  /** Joins the run in flight or starts one; concurrent callers share it. */
  function start(): Run {
    rescueOverdue()
    if (running !== undefined) {
      again = true
      return running
    }
    const flags = { retired: false }
    const current: Run = Object.assign(flags, { done: run(flags) })
    running = current
    const finished = (failed: boolean): void => {
      if (running !== current) return
      running = undefined
      if (failed) wake?.failed()
      // A kick that joined after the run last looked at `again` would otherwise wait for the next wake.
      if (again) kick()
    }
    current.done.then(
      () => finished(false),
      () => finished(true),
    )
    return current
  }

  /**
   * Called by whoever wants the outbox to move (a kick, drain(), idle()): abandons every notify() whose
   * own deadline timer has not fired well after the deadline. Under workerd that means the request that
   * started the run has ended and taken its timers and I/O with it; everything that run would do next
   * runs in that dead request too, so it is retired, and the next start() begins a fresh run in the
   * caller's request.
   */
  function rescueOverdue(): void {
    const now = Date.now()
    let rescued = false
    for (const attempt of inFlight) {
      if (attempt.deadline + rescueGraceMs > now) continue
      attempt.abandon()
      rescued = true
    }
    if (rescued && running !== undefined) {
      running.retired = true
      running = undefined
    }
  }

  /** The run's result, or undefined once an attempt may be rescued (at most timeoutMs from now). */
  async function untilNextDeadline(current: Run): Promise<{ result: DrainResult } | undefined> {
    let next = Date.now() + policy.timeoutMs
    for (const attempt of inFlight) next = Math.min(next, attempt.deadline + rescueGraceMs)
    let timer: ReturnType<typeof setTimeout> | undefined
    const tick = new Promise<undefined>((resolve) => {
      timer = unrefTimer(() => resolve(undefined), next - Date.now() + 1)
    })
    return Promise.race([current.done.then((result) => ({ result })), tick]).finally(() => clearTimeout(timer))
  }

  /**
   * Waits for a run with a watchdog in the caller's own context (its timers are alive): when a deadline
   * passes first, the caller rescues the outbox and follows the fresh run, so the wait always ends.
   */
  async function settle(first: Run): Promise<DrainResult> {
    let current = first
    for (;;) {
      const settled = await untilNextDeadline(current)
      if (settled !== undefined) return settled.result
      rescueOverdue()
      if (current.retired) current = start()
    }
  }

  function kick(): void {
    if (closed) return
    start().done.catch((error: unknown) => logger.error({ error }, 'payhooks: outbox dispatch failed'))
  }

  if (wake !== undefined) kick()

  return {
    /** Drains until nothing is due; resolves with what happened, also when a notifier never settles. */
    drain: (): Promise<DrainResult> => settle(start()),
    /** Starts a drain without waiting for it; failures are logged. */
    kick,
    /** Resolves when no dispatch is in flight (tests, graceful shutdown, Workers' ctx.waitUntil). */
    async idle(): Promise<void> {
      while (running !== undefined) await settle(running).catch(() => undefined)
    },
    /** Stops the timers and aborts the notifies in flight; they are retried after their lease. */
    close(): void {
      closed = true
      wake?.close()
      for (const attempt of inFlight) attempt.abandon('the engine closed')
    },
  }
}

export type OutboxDispatcher = ReturnType<typeof createOutboxDispatcher>
