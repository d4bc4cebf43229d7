export interface ReconcileBackoffOptions {
  /** Wait after the first poll that found a record unchanged; doubles with each further one. Default 1 min. */
  baseDelayMs?: number | undefined
  /** Ceiling of that wait, so an old pending order is still looked at a few times a day. Default 6 h. */
  maxDelayMs?: number | undefined
}

export type ReconcileBackoff = Required<ReconcileBackoffOptions>

export function reconcileBackoff(options: ReconcileBackoffOptions = {}): ReconcileBackoff {
  const backoff = { baseDelayMs: options.baseDelayMs ?? 60_000, maxDelayMs: options.maxDelayMs ?? 6 * 60 * 60_000 }
  if (!(backoff.baseDelayMs > 0) || !(backoff.maxDelayMs >= backoff.baseDelayMs)) {
    throw new TypeError('reconcile backoff: baseDelayMs must be > 0 and maxDelayMs >= baseDelayMs')
  }
  return backoff
}

/**
 * When to poll a record again after `checks` polls in a row found it unchanged (or failed): exponential
 * with ±25 % jitter, so a week-old pending order is not polled every minute and instances spread out.
 */
export function nextCheckAt(backoff: ReconcileBackoff, checks: number, now: number, random: () => number = Math.random): Date {
  const exponential = Math.min(backoff.maxDelayMs, backoff.baseDelayMs * 2 ** Math.max(0, checks - 1))
  return new Date(now + Math.round(exponential * (0.75 + random() / 2)))
}
