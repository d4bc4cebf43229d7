import type { AnyWebhookAdapter, Outcome, WebhookResponse } from '../core/adapter.js'
import type { Money, ProviderName, StatusEvent, WebhookEvent } from '../core/event.js'
import { toMoney } from '../core/money.js'
import { readBodyText, type WebhookRequest } from '../core/request.js'
import { isWebhookError, WebhookError } from '../core/webhook-error.js'
import { decideTransition } from './decide-transition.js'
import { createOutboxDispatcher, type DrainResult } from './dispatch-outbox.js'
import { errorResponse } from './error-response.js'
import { payloadTooLarge } from './payload-too-large.js'
import { createReconciler, type ReconcileOptions, type ReconcileReport } from './reconcile.js'
import { reconcileBackoff, type ReconcileBackoffOptions } from './reconcile-backoff.js'
import { retryPolicy, type RetryOptions } from './retry-policy.js'
import { createDeliveryLog } from './delivery-log.js'
import { loggedRequest, replayRefusal, type ReplayResult } from './replay-delivery.js'
import type {
  Delivery,
  DeliveryOutcome,
  DeliveryQuery,
  Logger,
  Notifier,
  NotificationQuery,
  RecordQuery,
  RecordState,
  RequeueTarget,
  Store,
  Transition,
} from './types.js'

export interface EngineOptions {
  providers: readonly AnyWebhookAdapter[]
  /** Where records, claims, the outbox and the delivery log live. */
  store: Store
  notifiers?: readonly Notifier[]
  /** pino-compatible; silent by default. */
  logger?: Logger
  /** Larger bodies are refused with 413. Default 1 MiB. */
  maxBodyBytes?: number
  /** An event for a reference no record has: create the record (default) or ignore the event. */
  onUnknownReference?: 'create' | 'ignore'
  retry?: RetryOptions
  /** How the reconciler backs off records the provider keeps reporting unchanged. */
  reconcileBackoff?: ReconcileBackoffOptions
}

export interface RecordsQuery extends Omit<RecordQuery, 'unresolvedBefore'> {
  /** Only records not in a final status and unchanged for at least this many ms ("stuck"). */
  stuckFor?: number | undefined
}

export interface ExpectInput {
  provider: ProviderName
  reference: string
  /** The amount the provider must report: `{ minor, currency }`, or a decimal with its currency. */
  amount?: Money | { value: string | number; currency: string }
}

/** How the delivery log names a request for no registered provider. */
const UNKNOWN_PROVIDER = '(unknown)'

/**
 * A lone UTF-16 surrogate (`"\ud800"` in JSON) in a reference: databases store it as U+FFFD, so the
 * event id read back differs from the one in memory and an outbox row could never be marked sent.
 */
const LONE_SURROGATE = /\p{Cs}/u

function malformedUnicode(adapter: AnyWebhookAdapter): WebhookError {
  return new WebhookError('PAYLOAD_INVALID', 'A reference in the payload is not well-formed Unicode (a lone surrogate).', {
    provider: adapter.name,
    hint: 'No provider sends unpaired \\uD800–\\uDFFF escapes; check what produced this body.',
  })
}

const silentLogger: Logger = { info() {}, warn() {}, error() {} }
const encoder = new TextEncoder()

function byteLength(body: unknown): number {
  if (typeof body === 'string') return body.length * 3 < 1024 ? body.length : encoder.encode(body).length
  return body instanceof Uint8Array ? body.byteLength : 0
}

function toExpectedMoney(amount: ExpectInput['amount']): Money | undefined {
  if (amount === undefined) return undefined
  if ('minor' in amount) return amount
  const money = toMoney(amount.value, amount.currency)
  if (money === undefined) throw new TypeError(`expect(): ${String(amount.value)} ${amount.currency} is not a valid amount`)
  return money
}

/**
 * The engine: verify → parse → apply exactly once → acknowledge → notify after the commit. Hosts call
 * createPayhooks (src/create-payhooks.ts), which picks the default store and adds the fetch handler.
 */
export function createEngine(options: EngineOptions) {
  const adapters = new Map<string, AnyWebhookAdapter>()
  for (const adapter of options.providers) {
    if (adapters.has(adapter.name)) throw new TypeError(`createPayhooks: provider ${adapter.name} is registered twice`)
    adapters.set(adapter.name, adapter)
  }
  const { store } = options
  const notifiers = options.notifiers ?? []
  const notifierNames = notifiers.map((n) => n.name)
  if (new Set(notifierNames).size !== notifierNames.length) throw new TypeError('createPayhooks: notifier names must be unique')
  const logger = options.logger ?? silentLogger
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024
  const onUnknownReference = options.onUnknownReference ?? 'create'
  const dispatcher = createOutboxDispatcher(store, notifiers, retryPolicy(options.retry), logger)
  const deliveryLog = createDeliveryLog({ store, logger, adapters })

  async function reject(...args: Parameters<typeof rejection>): Promise<WebhookResponse> {
    return (await rejection(...args)).response
  }

  /** Logs a refused request and answers it with the error's status, code and hint. */
  async function rejection(
    adapter: AnyWebhookAdapter | undefined,
    provider: string,
    req: WebhookRequest,
    receivedAt: Date,
    error: WebhookError,
    verified: boolean,
    source: Delivery['source'] = 'webhook',
    event?: WebhookEvent,
  ) {
    // An operator must find forged attempts against an order: the reference, read from a body that
    // parses but was not proven authentic (`verified: false` says so). A verified event the engine
    // could not apply is logged with what it said, so that it can be found and replayed.
    const reference = verified ? event?.reference : await unverifiedReference(adapter, req)
    const known = event === undefined ? {} : { eventId: event.id, status: event.kind === 'test' || event.kind === 'unknown' ? null : event.status }
    const delivery = await deliveryLog.logRequest(adapter, provider, req, receivedAt, { source, verified, outcome: 'rejected', errorCode: error.code, reference, ...known })
    return { response: errorResponse(error), delivery }
  }

  /** The reference a rejected body names, if it parses offline; never throws. */
  async function unverifiedReference(adapter: AnyWebhookAdapter | undefined, req: WebhookRequest): Promise<string | undefined> {
    if (adapter === undefined || (typeof req.body !== 'string' && !(req.body instanceof Uint8Array))) return undefined
    try {
      return (await (adapter.peek ?? adapter.parse)(req)).reference
    } catch {
      return undefined
    }
  }

  async function applyEvent(adapter: AnyWebhookAdapter, event: StatusEvent): Promise<{ outcome: DeliveryOutcome; transition?: Transition }> {
    if (event.reference === undefined || event.reference === '') {
      logger.warn({ provider: event.provider, eventId: event.id }, 'payhooks: event without a reference cannot be applied')
      return { outcome: 'ignored' }
    }
    const now = new Date()
    const result = await store.apply(event, notifierNames, (current: RecordState | null) =>
      decideTransition(current, event, { exceptions: adapter.transitionExceptions, onUnknownReference, now }),
    )
    if (result.transition !== undefined && notifiers.length > 0) dispatcher.kick()
    return result
  }

  /**
   * An adapter threw something other than a WebhookError: a payload it could not read. The promise is
   * that no input throws out of handle(), so it is answered 400 like any unreadable body, and logged
   * with its detail for the operator (it is a bug worth reporting).
   */
  function unreadable(adapter: AnyWebhookAdapter, error: unknown): WebhookError {
    logger.error({ provider: adapter.name, error }, 'payhooks: the adapter could not read this payload')
    return new WebhookError('PAYLOAD_INVALID', 'The payload could not be read.', {
      provider: adapter.name,
      hint: 'Compare the body with the provider\'s documented payload; if it is a genuine delivery, report it to payhooks with the logged error.',
      cause: error,
    })
  }

  async function handle(provider: string, req: WebhookRequest): Promise<WebhookResponse> {
    const receivedAt = new Date()
    const adapter = adapters.get(provider)
    if (adapter === undefined) {
      // The name is not echoed: glue that guessed it from the URL may have picked up a token.
      const error = new WebhookError('PROVIDER_UNKNOWN', 'No provider is registered under the name this request was routed to.', {
        hint: `Registered: ${[...adapters.keys()].join(', ') || 'none'}. Check the URL the provider posts to, or pass its adapter in createPayhooks({ providers }).`,
      })
      return reject(undefined, UNKNOWN_PROVIDER, req, receivedAt, error, false)
    }
    if (req.method !== undefined && req.method.toUpperCase() !== 'POST') {
      const error = new WebhookError('METHOD_NOT_ALLOWED', `${req.method} is not accepted; webhooks are POSTed.`, {
        provider: adapter.name,
        hint: 'Point the provider at this URL for POST requests only; a browser visit sends GET.',
      })
      return reject(adapter, provider, req, receivedAt, error, false)
    }
    if (byteLength(req.body) > maxBodyBytes) return reject(adapter, provider, req, receivedAt, payloadTooLarge(maxBodyBytes, adapter.name), false)
    // Before verification, so a parsed body gets the same answer whichever adapter would have looked at it.
    if (typeof req.body !== 'string' && !(req.body instanceof Uint8Array)) {
      try {
        readBodyText(req, adapter.name)
      } catch (error) {
        return reject(adapter, provider, req, receivedAt, error as WebhookError, false)
      }
    }

    let verdict
    try {
      verdict = await adapter.verifySignature(req)
    } catch (error) {
      return reject(adapter, provider, req, receivedAt, unreadable(adapter, error), false)
    }
    if (!verdict.ok) return reject(adapter, provider, req, receivedAt, verdict.error, false)
    return (await applyVerified(adapter, provider, req, receivedAt, 'webhook')).response
  }

  /** Everything after a request proved authentic: parse, apply, log, acknowledge. */
  async function applyVerified(
    adapter: AnyWebhookAdapter,
    provider: string,
    req: WebhookRequest,
    receivedAt: Date,
    source: 'webhook' | 'replay',
  ): Promise<{ response: WebhookResponse; outcome: DeliveryOutcome; delivery: Delivery }> {
    const refuse = async (error: WebhookError, event?: WebhookEvent) => ({
      ...(await rejection(adapter, provider, req, receivedAt, error, true, source, event)),
      outcome: 'rejected' as const,
    })
    let event
    try {
      event = await adapter.parse(req)
    } catch (error) {
      return refuse(isWebhookError(error) ? error : unreadable(adapter, error))
    }
    if (LONE_SURROGATE.test(event.id)) return refuse(malformedUnicode(adapter))
    let applied: { outcome: DeliveryOutcome; transition?: Transition }
    try {
      applied = event.kind === 'test' || event.kind === 'unknown' ? { outcome: event.kind } : await applyEvent(adapter, event)
    } catch (error) {
      if (isWebhookError(error) && error.code !== 'STORE_UNAVAILABLE') return refuse(error, event)
      // The detail (host, driver message) is for the operator's log, not for the provider's response.
      logger.error({ provider, error }, 'payhooks: the store failed')
      const unavailable = new WebhookError('STORE_UNAVAILABLE', 'The delivery could not be stored; the provider should retry.', {
        provider: adapter.name,
        hint: 'Check that the database is reachable; nothing was applied.',
        cause: error,
      })
      return refuse(unavailable, event)
    }
    const { outcome, transition } = applied
    const delivery = await deliveryLog.logRequest(
      adapter,
      provider,
      req,
      receivedAt,
      { source, verified: true, outcome, eventId: event.id, reference: event.reference ?? null, status: event.status ?? null },
      transition,
    )
    return { response: adapter.ack((outcome === 'ignored' ? 'unknown' : outcome) as Outcome), outcome, delivery }
  }

  async function replay(deliveryId: string): Promise<ReplayResult> {
    const [logged] = await store.deliveries({ id: deliveryId, limit: 1 })
    if (logged === undefined) return { replayed: false, reason: 'not_found', message: `No delivery ${deliveryId} is in the delivery log.` }
    const refusal = replayRefusal(logged)
    if (refusal !== undefined) return refusal
    const adapter = adapters.get(logged.provider)
    if (adapter === undefined) {
      return { replayed: false, reason: 'not_replayable', message: 'The provider of this delivery is not registered in createPayhooks({ providers }).' }
    }
    const { outcome, delivery } = await applyVerified(adapter, logged.provider, loggedRequest(logged), new Date(), 'replay')
    return { replayed: true, outcome, delivery }
  }

  const reconciler = createReconciler({
    store,
    adapters,
    applyEvent,
    logger,
    backoff: reconcileBackoff(options.reconcileBackoff),
    logPoll: deliveryLog.logPoll,
  })

  const providerNames = [...adapters.keys()] as ProviderName[]
  const refuse = (provider: string, req: WebhookRequest, error: WebhookError): Promise<WebhookResponse> =>
    reject(adapters.get(provider), adapters.has(provider) ? provider : UNKNOWN_PROVIDER, req, new Date(), error, false)
  return {
    /** Names of the registered providers. */
    providers: providerNames,
    store,
    maxBodyBytes,
    handle,
    /**
     * Answers and logs a refusal the HTTP glue met before the engine could see the body (a body over
     * maxBodyBytes, a body a framework parser already consumed): every request reaches the delivery log.
     */
    refuse,
    /** Registers a record ahead of its webhooks (at checkout), with the amount it must be paid. Notifies nobody. */
    expect: async (input: ExpectInput) =>
      store.expect({ provider: input.provider, reference: input.reference, amount: toExpectedMoney(input.amount) }),
    record: (provider: ProviderName, reference: string) => store.getRecord(provider, reference),
    /** Newest first; `stuckFor` (ms) keeps the records not in a final status and unchanged that long. */
    records: ({ stuckFor, ...query }: RecordsQuery = {}) =>
      store.listRecords(stuckFor === undefined ? query : { ...query, unresolvedBefore: new Date(Date.now() - stuckFor) }),
    deliveries: (query?: DeliveryQuery) => store.deliveries(query),
    /** Outbox rows by state and/or reference, in the order they were written: what operators look at. */
    notifications: (query?: NotificationQuery) => store.notifications(query),
    /**
     * Every delivery this instance logs (webhook, poll or replay), redacted, with the transition it
     * produced; returns unsubscribe. Other instances' deliveries are in the store, not here.
     */
    onDelivery: deliveryLog.subscribe,
    /** Re-runs a verified webhook the store failed (answered 503); anything else is refused with a reason. */
    replay,
    /** Sends dead-lettered (or failed, waiting) notifications again now; resolves with how many were requeued. */
    async retryNotifications(target: RequeueTarget): Promise<number> {
      const requeued = await store.requeueNotifications(target, new Date())
      if (requeued > 0 && notifiers.length > 0) dispatcher.kick()
      return requeued
    },
    /** Polls one record's status API now, whatever its age ("Reconcile now"). */
    reconcileRecord: reconciler.reconcileOne,
    /** Delivers every due notification now (cron, start-up recovery); resolves with what happened. */
    drainOutbox: (): Promise<DrainResult> => dispatcher.drain(),
    /**
     * Recovery (design.md §9): polls the status API of every record not in a final status and
     * unchanged for `olderThan` ms, and applies each answer like a webhook (same dedupe, table,
     * integrity check and notifications). Providers without a status API are reported `unsupported`.
     */
    reconcile: (reconcileOptions: ReconcileOptions): Promise<ReconcileReport> => reconciler.reconcile(reconcileOptions),
    /** `reconcile` now and every `every` ms on an unref'd timer; returns `stop()`. close() stops it too. */
    startReconciler: reconciler.startReconciler,
    /** Resolves when no notification dispatch is in flight. */
    idle: () => dispatcher.idle(),
    async close(): Promise<void> {
      await reconciler.stopAll()
      dispatcher.close()
      await dispatcher.idle()
      await store.close?.()
    },
  }
}

export type Engine = ReturnType<typeof createEngine>
