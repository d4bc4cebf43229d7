import type { Money, ProviderName } from '../core/event.js'
import type { Status } from '../core/status.js'
import type { OutboxRow, RecordState, Transition } from '../engine/types.js'

export function recordKey(provider: ProviderName, reference: string): string {
  return `${provider}\u0000${reference}`
}

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
    createdAt: now,
    updatedAt: now,
  }
}
