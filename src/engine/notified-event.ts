import type { WebhookEvent } from '../core/event.js'
import type { NotifiedEvent } from './types.js'

/** The JSON-safe view of an event that notifiers receive and outbox rows store. */
export function toNotifiedEvent(event: WebhookEvent): NotifiedEvent {
  const notified: NotifiedEvent = {
    provider: event.provider,
    id: event.id,
    kind: event.kind,
    type: event.type,
    providerStatus: event.providerStatus,
  }
  if (event.status !== undefined) notified.status = event.status
  if (event.reference !== undefined) notified.reference = event.reference
  if (event.providerReference !== undefined) notified.providerReference = event.providerReference
  if (event.amount !== undefined) notified.amount = { ...event.amount }
  if (event.occurredAt !== undefined) notified.occurredAt = event.occurredAt.toISOString()
  if (event.details !== undefined) notified.details = { ...event.details }
  return notified
}
