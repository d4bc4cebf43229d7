import type { Money, ProviderName } from '../core/event.js'
import type { Status } from '../core/status.js'
import { isWebhookError, WebhookError } from '../core/webhook-error.js'
import type { Decision, OutboxRow, RecordState, Transition } from '../engine/types.js'

export function recordKey(provider: ProviderName, reference: string): string {
  return `${provider}\u0000${reference}`
}

/**
 * The statuses reconciliation polls (design.md §9): every other one is final. SQL stores spell the list
 * out in their partial index; `NON_FINAL_SQL` is the same list for their queries, which must match the
 * index's WHERE clause for the planner to use it.
 */
export const NON_FINAL_STATUSES: ReadonlySet<Status> = new Set(['pending', 'processing', 'authorized', 'review'])
export const NON_FINAL_SQL = `(${[...NON_FINAL_STATUSES].map((status) => `'${status}'`).join(', ')})`

/**
 * Rows an operator may send again: dead-lettered ones, and pending ones whose last attempt failed
 * (waiting out their backoff). `REQUEUEABLE_SQL` is the same test for the SQL stores.
 */
export function isRequeueable(row: Pick<OutboxRow, 'state' | 'lastError'>): boolean {
  return row.state === 'dead' || (row.state === 'pending' && row.lastError !== null)
}
export const REQUEUEABLE_SQL = `(state = 'dead' OR (state = 'pending' AND last_error IS NOT NULL))`

/** One pending row per notifier, due at once. */
export function outboxRowsFor(transition: Transition, notifiers: readonly string[], now: Date): OutboxRow[] {
  return notifiers.map((notifier) => ({
    id: `${transition.id}#${notifier}`,
    notifier,
    transition,
    attempts: 0,
    nextAttemptAt: now,
    state: 'pending' as const,
    lastError: null,
  }))
}

/** What `expect()` leaves: a new pending record, or the existing one with its expected amount set. */
export function expectedRecord(
  current: RecordState | null,
  input: { provider: ProviderName; reference: string; amount?: Money | undefined; status?: Status },
  now: Date,
): RecordState {
  if (current !== null) return { ...current, expectedAmount: input.amount ?? current.expectedAmount, updatedAt: now }
  return {
    provider: input.provider,
    reference: input.reference,
    status: input.status ?? 'pending',
    providerStatus: null,
    expectedAmount: input.amount ?? null,
    statusAt: null,
    createdAt: now,
    updatedAt: now,
  }
}

/**
 * What `decide` threw, boxed on its way through a store's transaction so that the store's error
 * handling can hand it back unchanged instead of reporting it as a database failure.
 */
class DecideFailure {
  constructor(readonly error: unknown) {}
}

/** Runs the engine's decision; a throw comes out boxed, for `storeFailure` to unbox. */
export function runDecide(decide: (current: RecordState | null) => Decision, current: RecordState | null): Decision {
  try {
    return decide(current)
  } catch (error) {
    throw new DecideFailure(error)
  }
}

/**
 * The error a store rejects with: whatever `decide` threw, unchanged; a WebhookError as it is;
 * anything else (the database unreachable, a query failing) as STORE_UNAVAILABLE with the original
 * as `cause`. `where` names the database without secrets, e.g. 'PostgreSQL at 127.0.0.1:5432/app'.
 */
export function storeFailure(error: unknown, where: string, hint: string): unknown {
  if (error instanceof DecideFailure) return error.error
  if (isWebhookError(error)) return error
  // Node reports a refused dual-stack connect as an AggregateError with an empty message.
  const reason = error instanceof Error ? error.message || (error as { code?: string }).code || error.name : String(error)
  return new WebhookError('STORE_UNAVAILABLE', `payhooks could not use ${where}: ${reason}`, { hint, cause: error })
}
