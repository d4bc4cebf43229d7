import type { WebhookRequest } from '../core/request.js'
import type { Delivery, DeliveryOutcome } from './types.js'

export type ReplayResult =
  | { replayed: true; outcome: DeliveryOutcome; delivery: Delivery }
  | { replayed: false; reason: 'not_found' | 'not_verified' | 'not_replayable'; message: string }

/** The one refusal a replay can undo: the request was proven authentic, then the store failed it. */
const REPLAYABLE_CODE = 'STORE_UNAVAILABLE'

/**
 * Why a logged delivery may not be re-run, or undefined when it may. Only a verified webhook answered
 * 503 qualifies: anything else either applied already (a replay would be a duplicate at best) or was
 * never proven to come from the provider, and the log keeps no signature to prove it now.
 */
export function replayRefusal(delivery: Delivery): Extract<ReplayResult, { replayed: false }> | undefined {
  if (!delivery.verified || delivery.source !== 'webhook') {
    return { replayed: false, reason: 'not_verified', message: 'Only a webhook whose signature verified can be replayed.' }
  }
  if (delivery.outcome !== 'rejected' || delivery.errorCode !== REPLAYABLE_CODE) {
    return {
      replayed: false,
      reason: 'not_replayable',
      message: `This delivery was answered ${delivery.errorCode ?? delivery.outcome}; only one answered 503 ${REPLAYABLE_CODE} is replayed.`,
    }
  }
  return undefined
}

/**
 * The logged request, as the adapter's parse reads it. Redaction only replaced credentials (the
 * signature, tokens, passwords), which parse does not read: the fields an event is built from are
 * logged as received.
 */
export function loggedRequest(delivery: Delivery): WebhookRequest {
  return { body: delivery.body, headers: delivery.headers, url: delivery.url ?? undefined, method: delivery.method ?? 'POST' }
}
