import { errorMessage } from '../core/error-message.js'
import type { Notifier, Transition } from './types.js'
import { unrefTimer } from './unref-timer.js'

export type AttemptOutcome =
  | { sent: true }
  | { sent: false; abandoned: false; error: string }
  /** `late` resolves true if the abandoned notify() resolves after all. */
  | { sent: false; abandoned: true; error: string; late: Promise<boolean> }

/** One notify() in flight, with a deadline the dispatcher can enforce from any caller. */
export interface NotifyAttempt {
  /** Ms since the epoch at which the attempt is abandoned if notify() has not settled. */
  readonly deadline: number
  /** Settles with what happened; never rejects. */
  readonly outcome: Promise<AttemptOutcome>
  /**
   * Gives up now: aborts the signal and settles `outcome` as abandoned, by default for the deadline.
   * No-op once settled.
   */
  abandon(reason?: string): void
}

/**
 * Calls `notifier.notify(transition, { signal })` and settles when it does or when `timeoutMs` passes,
 * whichever is first; at the deadline the signal is aborted. The timer only fires while the runtime
 * runs this attempt's context: under workerd a request that answered without waitUntil takes its timers
 * with it, which is why `abandon()` is public and the dispatcher calls it from later requests too.
 */
export function startNotifyAttempt(notifier: Notifier, transition: Transition, timeoutMs: number): NotifyAttempt {
  const controller = new AbortController()
  let settle!: (outcome: AttemptOutcome) => void
  const outcome = new Promise<AttemptOutcome>((resolve) => {
    settle = resolve
  })
  let settled = false
  const finish = (result: AttemptOutcome): void => {
    if (settled) return
    settled = true
    if (timer !== undefined) clearTimeout(timer)
    settle(result)
  }

  // Promise.resolve().then: a notifier that throws synchronously fails like one that rejects.
  const notified = Promise.resolve().then(() => notifier.notify(transition, { signal: controller.signal }))
  notified.then(
    () => finish({ sent: true }),
    (error: unknown) => finish({ sent: false, abandoned: false, error: errorMessage(error) }),
  )

  const timedOut = `notifier ${notifier.name} did not settle within ${timeoutMs} ms`
  function abandon(reason = timedOut): void {
    if (settled) return
    finish({ sent: false, abandoned: true, error: reason, late: notified.then(() => true, () => false) })
    try {
      controller.abort(new Error(reason))
    } catch {
      // workerd refuses to abort, from another request, a fetch whose request already ended; that fetch
      // was cancelled with its request, and the attempt is settled either way.
    }
  }

  const deadline = Date.now() + timeoutMs
  const timer = unrefTimer(() => abandon(), timeoutMs)
  return { deadline, outcome, abandon }
}
