import type { AnyWebhookAdapter, Outcome, WebhookResponse } from '../core/adapter.js'
import type { Money, ProviderName, StatusEvent } from '../core/event.js'
import { toMoney } from '../core/money.js'
import { readBodyText, type WebhookRequest } from '../core/request.js'
import { isWebhookError, WebhookError } from '../core/webhook-error.js'
import { memoryStore } from '../stores/memory-store.js'
import { decideTransition } from './decide-transition.js'
import { createOutboxDispatcher, type DrainResult } from './dispatch-outbox.js'
import { errorResponse } from './error-response.js'
import { payloadTooLarge } from './payload-too-large.js'
import { createFetchHandler } from '../http/fetch-handler.js'
import { createReconciler, type ReconcileOptions, type ReconcileReport } from './reconcile.js'
import { reconcileBackoff, type ReconcileBackoffOptions } from './reconcile-backoff.js'
import { redactBody, redactHeaders, redactUrl, unknownProviderSensitive } from './redact-delivery.js'
import { retryPolicy, type RetryOptions } from './retry-policy.js'
import type { Delivery, DeliveryOutcome, DeliveryQuery, Logger, Notifier, RecordState, Store } from './types.js'

export interface PayhooksOptions {
  providers: readonly AnyWebhookAdapter[]
  /** Where records, claims, the outbox and the delivery log live. Default: memoryStore(). */
  store?: Store | undefined
  notifiers?: readonly Notifier[] | undefined
  /** pino-compatible; silent by default. */
  logger?: Logger | undefined
  /** Larger bodies are refused with 413. Default 1 MiB. */
  maxBodyBytes?: number | undefined
  /** An event for a reference no record has: create the record (default) or ignore the event. */
  onUnknownReference?: 'create' | 'ignore' | undefined
  retry?: RetryOptions | undefined
  /** How the reconciler backs off records the provider keeps reporting unchanged. */
  reconcileBackoff?: ReconcileBackoffOptions | undefined
}

export interface ExpectInput {
  provider: ProviderName
  reference: string
  /** The amount the provider must report: `{ minor, currency }`, or a decimal with its currency. */
  amount?: Money | { value: string | number; currency: string } | undefined
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

/** The engine: verify → parse → apply exactly once → acknowledge → notify after the commit. */
export function createPayhooks(options: PayhooksOptions) {
  const adapters = new Map<string, AnyWebhookAdapter>()
  for (const adapter of options.providers) {
    if (adapters.has(adapter.name)) throw new TypeError(`createPayhooks: provider ${adapter.name} is registered twice`)
    adapters.set(adapter.name, adapter)
  }
  const store = options.store ?? memoryStore()
  const notifiers = options.notifiers ?? []
  const notifierNames = notifiers.map((n) => n.name)
  if (new Set(notifierNames).size !== notifierNames.length) throw new TypeError('createPayhooks: notifier names must be unique')
  const logger = options.logger ?? silentLogger
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024
  const onUnknownReference = options.onUnknownReference ?? 'create'
  const dispatcher = createOutboxDispatcher(store, notifiers, retryPolicy(options.retry), logger)
  // Nothing is known about where a request for no registered provider carries secrets.
  const unknownSensitive = unknownProviderSensitive(adapters.values())
  // A request routed to no provider may still carry any provider's token: every scrubber applies.
  const scrubbers = [...adapters.values()].flatMap((adapter) => (adapter.sensitive.scrub === undefined ? [] : [adapter.sensitive.scrub]))
  const scrubAll = scrubbers.length === 0 ? undefined : (text: string) => scrubbers.reduce((out, scrub) => scrub(out), text)

  async function writeDelivery(delivery: Delivery): Promise<void> {
    try {
      await store.recordDelivery(delivery)
    } catch (error) {
      logger.error({ provider: delivery.provider, error }, 'payhooks: could not write the delivery log')
    }
    const level = delivery.outcome === 'rejected' ? 'warn' : 'info'
    logger[level](
      { provider: delivery.provider, source: delivery.source, outcome: delivery.outcome, code: delivery.errorCode, reference: delivery.reference, eventId: delivery.eventId },
      'payhooks: delivery',
    )
  }

  async function log(
    adapter: AnyWebhookAdapter | undefined,
    provider: string,
    req: WebhookRequest,
    receivedAt: Date,
    entry: Pick<Delivery, 'verified' | 'outcome'> & Partial<Pick<Delivery, 'errorCode' | 'eventId' | 'reference' | 'status'>>,
  ): Promise<void> {
    let text = ''
    try {
      text = adapter === undefined ? '' : readBodyText(req, adapter.name)
    } catch {
      text = `[${typeof req.body} body]`
    }
    const delivery: Delivery = {
      id: crypto.randomUUID(),
      source: 'webhook',
      provider,
      receivedAt,
      verified: entry.verified,
      outcome: entry.outcome,
      errorCode: entry.errorCode ?? null,
      eventId: entry.eventId ?? null,
      reference: entry.reference ?? null,
      status: entry.status ?? null,
      method: req.method ?? null,
      url: adapter === undefined ? redactUrl(req.url?.split('?', 1)[0], unknownSensitive) : redactUrl(req.url, adapter.sensitive, provider),
      headers: adapter === undefined ? redactHeaders(req.headers, unknownSensitive) : redactHeaders(req.headers, adapter.sensitive, provider),
      body: redactBody(text, adapter?.sensitive),
    }
    const scrub = adapter === undefined ? scrubAll : adapter.sensitive.scrub
    if (scrub !== undefined) {
      delivery.body = scrub(delivery.body)
      if (delivery.url !== null) delivery.url = scrub(delivery.url)
      for (const name of Object.keys(delivery.headers)) delivery.headers[name] = scrub(delivery.headers[name] as string)
    }
    await writeDelivery(delivery)
  }

  async function reject(adapter: AnyWebhookAdapter | undefined, provider: string, req: WebhookRequest, receivedAt: Date, error: WebhookError, verified: boolean) {
    // An operator must find forged attempts against an order: the reference, read from a body that
    // parses but was not proven authentic (`verified: false` says so).
    const reference = verified ? undefined : await unverifiedReference(adapter, req)
    await log(adapter, provider, req, receivedAt, { verified, outcome: 'rejected', errorCode: error.code, reference })
    return errorResponse(error)
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

  async function applyEvent(adapter: AnyWebhookAdapter, event: StatusEvent): Promise<DeliveryOutcome> {
    if (event.reference === undefined || event.reference === '') {
      logger.warn({ provider: event.provider, eventId: event.id }, 'payhooks: event without a reference cannot be applied')
      return 'ignored'
    }
    const now = new Date()
    const result = await store.apply(event, notifierNames, (current: RecordState | null) =>
      decideTransition(current, event, { exceptions: adapter.transitionExceptions, onUnknownReference, now }),
    )
    if (result.transition !== undefined && notifiers.length > 0) dispatcher.kick()
    return result.outcome
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

    let event
    try {
      event = await adapter.parse(req)
    } catch (error) {
      return reject(adapter, provider, req, receivedAt, isWebhookError(error) ? error : unreadable(adapter, error), true)
    }
    if (LONE_SURROGATE.test(event.id)) return reject(adapter, provider, req, receivedAt, malformedUnicode(adapter), true)
    let outcome: DeliveryOutcome
    try {
      outcome = event.kind === 'test' || event.kind === 'unknown' ? event.kind : await applyEvent(adapter, event)
    } catch (error) {
      if (isWebhookError(error) && error.code !== 'STORE_UNAVAILABLE') return reject(adapter, provider, req, receivedAt, error, true)
      // The detail (host, driver message) is for the operator's log, not for the provider's response.
      logger.error({ provider, error }, 'payhooks: the store failed')
      const unavailable = new WebhookError('STORE_UNAVAILABLE', 'The delivery could not be stored; the provider should retry.', {
        provider: adapter.name,
        hint: 'Check that the database is reachable; nothing was applied.',
        cause: error,
      })
      return reject(adapter, provider, req, receivedAt, unavailable, true)
    }
    await log(adapter, provider, req, receivedAt, {
      verified: true,
      outcome,
      eventId: event.id,
      reference: event.reference ?? null,
      status: event.status ?? null,
    })
    return adapter.ack((outcome === 'ignored' ? 'unknown' : outcome) as Outcome)
  }

  const reconciler = createReconciler({
    store,
    adapters,
    applyEvent,
    logger,
    backoff: reconcileBackoff(options.reconcileBackoff),
    logPoll: (adapter, entry) =>
      writeDelivery({
        id: crypto.randomUUID(),
        source: 'poll',
        provider: adapter.name,
        receivedAt: new Date(),
        // A status API answer is authenticated by the credentials this side sent; a failed poll proved nothing.
        verified: entry.event !== undefined,
        outcome: entry.outcome,
        errorCode: entry.errorCode,
        eventId: entry.event?.id ?? null,
        reference: entry.reference,
        status: entry.event?.status ?? null,
        method: 'GET',
        url: null,
        headers: {},
        body: entry.event === undefined ? '' : redactBody(JSON.stringify(entry.event.raw), adapter.sensitive),
      }),
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
    /**
     * Web-standard handler (Hono, Next.js route handlers, Bun, Deno, Workers): the provider is the last
     * path segment that names a registered provider, so `/webhooks/refract/<token>` works.
     */
    fetch: createFetchHandler({ handle, refuse, providers: providerNames, maxBodyBytes }),
    /** Registers a record ahead of its webhooks (at checkout), with the amount it must be paid. Notifies nobody. */
    expect: async (input: ExpectInput) =>
      store.expect({ provider: input.provider, reference: input.reference, amount: toExpectedMoney(input.amount) }),
    record: (provider: ProviderName, reference: string) => store.getRecord(provider, reference),
    records: (query?: { provider?: ProviderName | undefined; limit?: number | undefined }) => store.listRecords(query),
    deliveries: (query?: DeliveryQuery) => store.deliveries(query),
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

export type Payhooks = ReturnType<typeof createPayhooks>
