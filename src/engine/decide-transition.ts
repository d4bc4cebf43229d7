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

/** The general table (design.md §5): forward only, never out of a terminal failure — except money. */
export function isForwardMove(from: Status, to: Status): boolean {
  if (TERMINAL_STATUSES.has(from)) return false
  return STATUS_RANK[to] > STATUS_RANK[from]
}

/**
 * Money wins (design.md §5): a `completed` event moves a record out of failed, cancelled or expired,
 * whatever the provider, so a paid order whose failed attempt or expiry arrived first still ends paid.
 */
export function isMoneyWin(from: Status, to: Status): boolean {
  return to === 'completed' && TERMINAL_STATUSES.has(from)
}

/** A declared exception the general rules would refuse: it moves a record backwards (Midtrans reversal). */
function isBackwards(rule: TransitionException): boolean {
  return !isForwardMove(rule.from, rule.to) && !isMoneyWin(rule.from, rule.to)
}

/** Whether the record's current status is one a backwards exception leads to (a reversal's failure). */
function reachedBackwards(current: RecordState, exceptions: readonly TransitionException[]): boolean {
  return exceptions.some(
    (rule) =>
      isBackwards(rule) &&
      rule.to === current.status &&
      (rule.toProviderStatus === undefined || rule.toProviderStatus === current.providerStatus),
  )
}

/** Milliseconds from the current status to the event by the provider's own clock; undefined when either is unknown. */
function providerTimeGap(current: RecordState, event: StatusEvent): number | undefined {
  // `== null`: a custom store that predates statusAt hands back undefined.
  if (current.statusAt == null || event.occurredAt === undefined) return undefined
  return event.occurredAt.getTime() - current.statusAt.getTime()
}

/**
 * Whether the table lets `event` move `current`. Moves that leave a final status are ordered by the
 * provider's times, so that every order of arrival converges:
 * - a backwards exception applies only to an event that did not happen before the status it leaves;
 * - money does not undo a reversal that happened at or after the payment (a reversal is the later of
 *   the two by definition: Midtrans sends it minutes after the settlement, with the settlement's time).
 * Without times on both sides the arrival order is all there is, and the move is applied.
 */
function isAllowed(current: RecordState, event: StatusEvent, exceptions: readonly TransitionException[]): boolean {
  if (isForwardMove(current.status, event.status)) return true
  const gap = providerTimeGap(current, event)
  if (isMoneyWin(current.status, event.status)) {
    return !(reachedBackwards(current, exceptions) && gap !== undefined && gap <= 0)
  }
  const rule = exceptions.find((candidate) => matchesException(candidate, current, event))
  if (rule === undefined) return false
  return !(isBackwards(rule) && gap !== undefined && gap < 0)
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

function transitionFor(event: StatusEvent, from: Status | null, record: RecordState, reason?: string): Transition {
  // Two literals rather than `{ id, type, ...base }`: spreading a shared part costs more than the rest
  // of the decision. The key order is the one the spread gave (it shows in stored JSON).
  const notified = toNotifiedEvent(event)
  const summary = { provider: record.provider, reference: record.reference, status: record.status, expectedAmount: record.expectedAmount }
  return reason === undefined
    ? { id: event.id, type: 'transition', event: notified, from, to: event.status, record: summary }
    : { id: `${event.id}|suspicious`, type: 'suspicious', reason, event: notified, from, to: event.status, record: summary }
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
      statusAt: event.occurredAt ?? null,
      createdAt: options.now,
      updatedAt: options.now,
    }
    return { action: 'apply', record, transition: transitionFor(event, null, record) }
  }

  const problem = integrityProblem(current, event)
  if (problem !== undefined) {
    return { action: 'suspicious', transition: transitionFor(event, current.status, current, problem) }
  }
  if (current.status === event.status) return { action: 'stale' }
  if (!isAllowed(current, event, options.exceptions)) return { action: 'stale' }

  const record: RecordState = {
    ...current,
    status: event.status,
    providerStatus: event.providerStatus,
    statusAt: event.occurredAt ?? null,
    updatedAt: options.now,
  }
  return { action: 'apply', record, transition: transitionFor(event, current.status, record) }
}
