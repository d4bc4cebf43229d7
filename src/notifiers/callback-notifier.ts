import type { Notifier, Transition } from '../engine/types.js'

export interface CallbackNotifierOptions {
  /** Unique among the notifiers of one createPayhooks(); outbox rows are keyed by it. Default 'callback'. */
  name?: string
}

/**
 * Your function as a notifier. It runs after the commit, never on the provider's response path; a throw
 * or rejection propagates so that the engine retries it with backoff and dead-letters it in the end.
 */
export function callbackNotifier(
  fn: (transition: Transition) => void | Promise<void>,
  options: CallbackNotifierOptions = {},
): Notifier {
  if (typeof fn !== 'function') throw new TypeError('callbackNotifier: the first argument must be a function')
  return {
    name: options.name ?? 'callback',
    async notify(transition) {
      await fn(transition)
    },
  }
}
