import type { TransitionException } from '../core/adapter.js'
import type { StatusEvent } from '../core/event.js'
import { STATUS_RANK, TERMINAL_STATUSES, type Status } from '../core/status.js'
import { toNotifiedEvent } from './notified-event.js'
import type { Decision, RecordState, Transition } from './types.js'

export interface DecideOptions {
  /** The adapter's declared exceptions to the table. */
  exceptions: readonly TransitionException[]
  /** What to do with an event whose reference no record has: create one, or ignore the event. */
  onUnknownReference: 'create' | 'ignore'
  now: Date
}

function matchesException(rule: TransitionException, current: RecordState, event: StatusEvent): boolean {
  return (
    rule.from === current.status &&
    rule.to === event.status &&
    (rule.fromProviderStatus === undefined || rule.fromProviderStatus === current.providerStatus) &&
    (rule.toProviderStatus === undefined || rule.toProviderStatus === event.providerStatus)
  )
}

/** The general table (design.md §5): only forward, never out of a terminal outcome. */
export function isForwardMove(from: Status, to: Status): boolean {
  if (TERMINAL_STATUSES.has(from)) return false
  return STATUS_RANK[to] > STATUS_RANK[from]
}

/** Why an event's amount disagrees with what the host expected, or undefined when it agrees. */
function integrityProblem(current: RecordState, event: StatusEvent): string | undefined {
  const expected = current.expectedAmount
  if (expected === null || event.amount === undefined) return undefined
  if (expected.currency !== event.amount.currency) {
    return `currency ${event.amount.currency} differs from the expected ${expected.currency}`
  }
  if (expected.minor !== event.amount.minor) {
    return `amount ${event.amount.minor} differs from the expected ${expected.minor} (minor units)`
  }
  return undefined
}

function transitionFor(event: StatusEvent, from: Status | null, record: RecordState, type: Transition['type'], reason?: string): Transition {
  const transition: Transition = {
    id: type === 'suspicious' ? `${event.id}|suspicious` : event.id,
    type,
    event: toNotifiedEvent(event),
    from,
    to: event.status,
    record: { provider: record.provider, reference: record.reference, status: record.status, expectedAmount: record.expectedAmount },
  }
  if (reason !== undefined) transition.reason = reason
  return transition
}

/**
 * Decides what one event does to the record it names. Pure: the store runs it inside its transaction
 * with the record it just locked.
 */
export function decideTransition(current: RecordState | null, event: StatusEvent, options: DecideOptions): Decision {
  const reference = event.reference as string
  if (current === null) {
    if (options.onUnknownReference === 'ignore') return { action: 'ignore' }
    const record: RecordState = {
      provider: event.provider,
      reference,
      status: event.status,
      providerStatus: event.providerStatus,
      expectedAmount: null,
      createdAt: options.now,
      updatedAt: options.now,
    }
    return { action: 'apply', record, transition: transitionFor(event, null, record, 'transition') }
  }

  const problem = integrityProblem(current, event)
  if (problem !== undefined) {
    return { action: 'suspicious', transition: transitionFor(event, current.status, current, 'suspicious', problem) }
  }
  if (current.status === event.status) return { action: 'stale' }
  const allowed =
    options.exceptions.some((rule) => matchesException(rule, current, event)) || isForwardMove(current.status, event.status)
  if (!allowed) return { action: 'stale' }

  const record: RecordState = { ...current, status: event.status, providerStatus: event.providerStatus, updatedAt: options.now }
  return { action: 'apply', record, transition: transitionFor(event, current.status, record, 'transition') }
}
