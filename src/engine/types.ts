import type { Money, ProviderName, StatusEvent, WebhookEvent } from '../core/event.js'
import type { Status } from '../core/status.js'

/** What a store keeps per (provider, reference): the order or payment as payhooks knows it. */
export interface RecordState {
  provider: ProviderName
  reference: string
  status: Status
  /** The raw provider status that set `status`; provider exceptions match on it. */
  providerStatus: string | null
  /** Set by `hooks.expect()`: an event that disagrees is not applied but flagged suspicious. */
  expectedAmount: Money | null
  /**
   * When the provider says the current status happened (the event's `occurredAt`), or null when it
   * did not say. Orders a declared backwards exception against the status it would leave (design.md §5).
   */
  statusAt: Date | null
  createdAt: Date
  updatedAt: Date
}

/** A record handed to the reconciler, with how many polls in a row found it unchanged. */
export interface StaleRecord extends RecordState {
  checks: number
}

export interface StaleQuery {
  /** Only records whose updatedAt is before this. */
  updatedBefore: Date
  /** Only records whose next check is due at `now` (never checked, or backed off until before now). */
  now: Date
  /** The lease: each record returned is not handed out again before `now + leaseMs`. */
  leaseMs: number
  limit: number
  /** Only these providers; default all. */
  providers?: readonly ProviderName[] | undefined
}

/** The event as notifiers see it: JSON-safe, without the raw payload (which may hold personal data). */
export interface NotifiedEvent {
  provider: ProviderName
  id: string
  kind: WebhookEvent['kind']
  type: string
  status?: Status
  reference?: string
  providerReference?: string
  amount?: Money
  occurredAt?: string
  providerStatus: string
  details?: Readonly<Record<string, string>>
}

interface TransitionBase {
  /** Stable across retries: an idempotency key a notifier can pass downstream. */
  id: string
  event: NotifiedEvent
  from: Status | null
  to: Status
  record: { provider: ProviderName; reference: string; status: Status; expectedAmount: Money | null }
}

/** A change of status that was applied: the record is now `to`. */
export interface AppliedTransition extends TransitionBase {
  type: 'transition'
  reason?: undefined
}

/**
 * An event that was NOT applied because it disagrees with what the host expected (amount, currency):
 * the record is unchanged (`record.status`), `to` is only what the event claimed. Tell a person; never
 * fulfil on it.
 */
export interface SuspiciousTransition extends TransitionBase {
  type: 'suspicious'
  /** Why the event was not applied. */
  reason: string
}

/** What every notifier receives exactly once: switch on `type` before acting on `to`. */
export type Transition = AppliedTransition | SuspiciousTransition

export type Decision =
  | { action: 'apply'; record: RecordState; transition: Transition }
  | { action: 'stale' }
  | { action: 'suspicious'; transition: Transition }
  | { action: 'ignore' }

export type ApplyOutcome = 'applied' | 'duplicate' | 'stale' | 'suspicious' | 'ignored'

export interface ApplyResult {
  outcome: ApplyOutcome
  transition?: Transition
}

export interface OutboxRow {
  /** `${transition.id}#${notifier}`: unique, so a transition reaches each notifier once. */
  id: string
  notifier: string
  transition: Transition
  attempts: number
  nextAttemptAt: Date
  state: 'pending' | 'sent' | 'dead'
  lastError: string | null
}

export type DeliveryOutcome = ApplyOutcome | 'test' | 'unknown' | 'rejected'

/** One received request, as the delivery log keeps it (already redacted). */
export interface Delivery {
  id: string
  /**
   * A request the provider sent, an answer the reconciler fetched from its status API, or a logged
   * webhook an operator re-ran (`hooks.replay`) after the store failed it.
   */
  source: 'webhook' | 'poll' | 'replay'
  provider: string
  receivedAt: Date
  /** Whether authenticity was proven. A rejected delivery's reference (when its body parsed) is unverified. */
  verified: boolean
  outcome: DeliveryOutcome
  errorCode: string | null
  eventId: string | null
  reference: string | null
  status: Status | null
  method: string | null
  url: string | null
  headers: Record<string, string>
  body: string
}

export interface NotificationQuery {
  state?: OutboxRow['state']
  /** Only the rows of the record with this reference. */
  reference?: string
  limit?: number
}

export interface DeliveryQuery {
  limit?: number | undefined
  provider?: string | undefined
  reference?: string | undefined
  /** One delivery by its id. */
  id?: string | undefined
  /** Only deliveries received at or after this time. */
  since?: Date | undefined
}

export interface RecordQuery {
  provider?: ProviderName | undefined
  reference?: string | undefined
  /** Only records not in a final status and unchanged since before this time ("stuck"). */
  unresolvedBefore?: Date | undefined
  limit?: number | undefined
}

/** Which outbox rows an operator sends again: one by id, or every dead-lettered row. */
export type RequeueTarget = { id: string } | { all: true }

/**
 * Persistence for the engine. `apply` is the one method that matters: it runs `decide` inside the
 * store's transaction so that the claim, the status write and the outbox rows commit together.
 */
export interface Store {
  /**
   * One transaction: claim `event.id` (a claimed id is `duplicate`) → read the current record →
   * `decide` → write the record and one outbox row per notifier name for the transition. Stale and
   * suspicious decisions keep the claim (a redelivery is a duplicate); an ignored one releases it, so
   * the event still applies if it is redelivered after `expect()` registered its record.
   */
  apply(event: StatusEvent, notifiers: readonly string[], decide: (current: RecordState | null) => Decision): Promise<ApplyResult>
  /** Creates or updates a record ahead of any webhook; its expected amount guards integrity. */
  expect(record: { provider: ProviderName; reference: string; amount?: Money | undefined; status?: Status }): Promise<RecordState>
  getRecord(provider: ProviderName, reference: string): Promise<RecordState | null>
  /** Newest `updatedAt` first. */
  listRecords(query?: RecordQuery): Promise<RecordState[]>
  recordDelivery(delivery: Delivery): Promise<void>
  /** Newest first. */
  deliveries(query?: DeliveryQuery): Promise<Delivery[]>
  /**
   * Takes up to `limit` pending rows due at `now` and leases them until `now + leaseMs`, so that a
   * second process draining at the same time does not take them too.
   */
  takeDueNotifications(now: Date, limit: number, leaseMs: number): Promise<OutboxRow[]>
  markSent(id: string): Promise<void>
  /** `nextAttemptAt: null` dead-letters the row. */
  markFailed(id: string, failure: { error: string; nextAttemptAt: Date | null }): Promise<void>
  /** Rows in the order they were written, by state and/or the record's reference: for operators and tests. */
  notifications(query?: NotificationQuery): Promise<OutboxRow[]>
  /**
   * An operator's retry: the target rows that are dead, or pending after a failed attempt, become
   * pending and due at `now`, unleased, their attempts counted afresh. Sent rows are never touched.
   * Resolves with the number of rows requeued.
   */
  requeueNotifications(target: RequeueTarget, now: Date): Promise<number>
  /**
   * Reconciliation (design.md §9): records not in a final status (pending, processing, authorized,
   * review) with `updatedAt < updatedBefore` and their next check due at `now`, oldest `updatedAt`
   * first, at most `limit`. Each returned record is leased in the same statement — its next check
   * moves to `now + leaseMs` — so two instances reconciling at once never poll the same record
   * (PostgreSQL: FOR UPDATE SKIP LOCKED). `apply` resets a record's checks when it changes status.
   */
  leaseStaleRecords(query: StaleQuery): Promise<StaleRecord[]>
  /** After a poll: when to check the record next (backed off by the caller) and its count of unchanged polls. */
  scheduleCheck(provider: ProviderName, reference: string, next: { at: Date; checks: number }): Promise<void>
  close?(): Promise<void>
}

export interface NotifyContext {
  /**
   * Aborted when the engine's notifier deadline (retry.timeoutMs) passes or the engine closes. Pass it
   * to fetch and friends: an abandoned notify is retried after its lease, so work that ignores the
   * signal may run twice.
   */
  signal: AbortSignal
}

export interface Notifier {
  name: string
  notify(transition: Transition, context: NotifyContext): Promise<void>
}

export interface Logger {
  info(obj: object, msg?: string): void
  warn(obj: object, msg?: string): void
  error(obj: object, msg?: string): void
}
