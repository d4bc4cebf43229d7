export interface RetryOptions {
  /** Attempts before a notification is dead-lettered. Default 8. */
  maxAttempts?: number
  /** Delay before the second attempt; doubles each time. Default 1 s. */
  baseDelayMs?: number
  /** Ceiling of the delay. Default 15 min. */
  maxDelayMs?: number
  /** A notify() still pending after this counts as failed. Default 10 s. */
  timeoutMs?: number
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
 * When to try again after `attempts` failed attempts, or null to dead-letter. Exponential with ±50 %
 * jitter, so that a downstream outage does not end in every process retrying at the same instant.
 */
export function nextAttemptAt(policy: RetryPolicy, attempts: number, now: number, random: () => number = Math.random): Date | null {
  if (attempts >= policy.maxAttempts) return null
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempts - 1))
  return new Date(now + Math.round(exponential * (0.5 + random())))
}
