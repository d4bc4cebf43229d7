export interface RetryOptions {
  /** Attempts before a notification is dead-lettered. Default 8. */
  maxAttempts?: number | undefined
  /** Delay before the second attempt; doubles each time. Default 1 s. */
  baseDelayMs?: number | undefined
  /** Ceiling of the delay. Default 15 min. */
  maxDelayMs?: number | undefined
  /**
   * A notify() still pending after this is abandoned: its signal is aborted, it counts as a failed
   * attempt, and it is retried once its lease (3 × timeoutMs) has ended. Default 10 s.
   */
  timeoutMs?: number | undefined
}

export type RetryPolicy = Required<RetryOptions>

export function retryPolicy(options: RetryOptions = {}): RetryPolicy {
  return {
    maxAttempts: options.maxAttempts ?? 8,
    baseDelayMs: options.baseDelayMs ?? 1_000,
    maxDelayMs: options.maxDelayMs ?? 15 * 60_000,
    timeoutMs: options.timeoutMs ?? 10_000,
  }
}

/**
 * How long a taken outbox row stays leased to the process that took it: long enough for a notify()
 * that runs to its deadline and the store write after it. A process that dies holding a lease leaves
 * the row to whoever drains after it ends, which is also how often an idle engine looks for such rows.
 */
export function leaseMsOf(policy: RetryPolicy): number {
  return policy.timeoutMs * 3
}

/**
 * When to try again after `attempts` failed attempts, or null to dead-letter. Exponential with ±50 %
 * jitter, so that a downstream outage does not end in every process retrying at the same instant.
 */
export function nextAttemptAt(policy: RetryPolicy, attempts: number, now: number, random: () => number = Math.random): Date | null {
  if (attempts >= policy.maxAttempts) return null
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempts - 1))
  return new Date(now + Math.round(exponential * (0.5 + random())))
}
