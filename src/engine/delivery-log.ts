import type { AnyWebhookAdapter } from '../core/adapter.js'
import { readBodyText, type WebhookRequest } from '../core/request.js'
import { createDeliveryFeed } from './delivery-feed.js'
import type { PollLogEntry } from './reconcile.js'
import { redactBody, redactHeaders, redactUrl, unknownProviderSensitive } from './redact-delivery.js'
import type { Delivery, Logger, Store, Transition } from './types.js'

/** What a logged request's entry says beyond the request itself. */
export type DeliveryEntry = Pick<Delivery, 'verified' | 'outcome'> &
  Partial<Pick<Delivery, 'source' | 'errorCode' | 'eventId' | 'reference' | 'status'>>

/**
 * The delivery log: every request and poll, redacted, written to the store, told to the logger and to
 * this instance's live listeners. Writing never throws: a log the store cannot take is reported to the
 * logger, and the delivery's answer stands.
 */
export function createDeliveryLog(deps: { store: Store; logger: Logger; adapters: ReadonlyMap<string, AnyWebhookAdapter> }) {
  const { store, logger, adapters } = deps
  const feed = createDeliveryFeed(logger)
  // Nothing is known about where a request for no registered provider carries secrets.
  const unknownSensitive = unknownProviderSensitive(adapters.values())
  // A request routed to no provider may still carry any provider's token: every scrubber applies.
  const scrubbers = [...adapters.values()].flatMap((adapter) => (adapter.sensitive.scrub === undefined ? [] : [adapter.sensitive.scrub]))
  const scrubAll = scrubbers.length === 0 ? undefined : (text: string) => scrubbers.reduce((out, scrub) => scrub(out), text)

  async function write(delivery: Delivery, transition?: Transition): Promise<void> {
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
    feed.publish(transition === undefined ? { delivery } : { delivery, transition })
  }

  /** One received (or replayed) request; `adapter` is undefined for a request routed to no provider. */
  async function logRequest(
    adapter: AnyWebhookAdapter | undefined,
    provider: string,
    req: WebhookRequest,
    receivedAt: Date,
    entry: DeliveryEntry,
    transition?: Transition,
  ): Promise<Delivery> {
    let text = ''
    try {
      text = adapter === undefined ? '' : readBodyText(req, adapter.name)
    } catch {
      text = `[${typeof req.body} body]`
    }
    const delivery: Delivery = {
      id: crypto.randomUUID(),
      source: entry.source ?? 'webhook',
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
    await write(delivery, transition)
    return delivery
  }

  /** One status API poll by the reconciler. */
  function logPoll(adapter: AnyWebhookAdapter, entry: PollLogEntry): Promise<void> {
    return write(
      {
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
      },
      entry.transition,
    )
  }

  return { logRequest, logPoll, subscribe: feed.subscribe }
}
