import type { AppliedTransition, Notifier, NotifyContext, SuspiciousTransition } from '../engine/types.js'

export interface CallbackNotifierOptions {
  /** Unique among the notifiers of one createPayhooks(); outbox rows are keyed by it. Default 'callback'. */
  name?: string | undefined
  /**
   * Called with each event that was NOT applied because it disagrees with what `expect()` registered
   * (an underpaid order): tell a person, never fulfil. Without it such events are acknowledged and
   * dropped here (the engine logs them at warn).
   */
  onSuspicious?: ((transition: SuspiciousTransition, context: NotifyContext) => void | Promise<void>) | undefined
}

/**
 * Your function as a notifier: `onTransition` receives only applied transitions, so acting on `to` is
 * safe. It runs after the commit, never on the provider's response path; a throw or rejection
 * propagates so that the engine retries it with backoff and dead-letters it in the end. Pass
 * `context.signal` on to what you call: it aborts at the engine's deadline (retry.timeoutMs).
 */
export function callbackNotifier(
  onTransition: (transition: AppliedTransition, context: NotifyContext) => void | Promise<void>,
  options: CallbackNotifierOptions = {},
): Notifier {
  if (typeof onTransition !== 'function') throw new TypeError('callbackNotifier: the first argument must be a function')
  const { onSuspicious } = options
  if (onSuspicious !== undefined && typeof onSuspicious !== 'function') throw new TypeError('callbackNotifier: onSuspicious must be a function')
  return {
    name: options.name ?? 'callback',
    async notify(transition, context) {
      if (transition.type === 'suspicious') await onSuspicious?.(transition, context)
      else await onTransition(transition, context)
    },
  }
}
