import type { EventKind, Money, ProviderName, StatefulKind, StatusEvent, TestEvent, UnknownEvent } from './event.js'
import type { Status } from './status.js'

export interface EventFields<P extends ProviderName, Raw> {
  provider: P
  reference?: string | undefined
  providerReference?: string | undefined
  amount?: Money | undefined
  occurredAt?: Date | undefined
  details?: Readonly<Record<string, string>> | undefined
  providerStatus: string
  raw: Raw
}

/**
 * The dedupe key: provider, both references and the raw status. Identical redeliveries share it; a
 * new status, or a new attempt under the same merchant reference, does not.
 */
export function eventId(kind: EventKind, fields: EventFields<ProviderName, unknown>): string {
  return `${fields.provider}|${kind}|${fields.reference ?? ''}|${fields.providerReference ?? ''}|${fields.providerStatus}`
}

/**
 * Builds the event with only the fields that are set. Assigned one by one rather than spread and
 * pruned: deleting keys pushes V8 objects into slow dictionary mode, and this runs per delivery.
 */
function assemble(kind: EventKind, type: string, status: Status | undefined, fields: EventFields<ProviderName, unknown>): unknown {
  const event: Record<string, unknown> = { provider: fields.provider, id: eventId(kind, fields), kind, type }
  if (status !== undefined) event.status = status
  if (fields.reference !== undefined) event.reference = fields.reference
  if (fields.providerReference !== undefined) event.providerReference = fields.providerReference
  if (fields.amount !== undefined) event.amount = fields.amount
  if (fields.occurredAt !== undefined) event.occurredAt = fields.occurredAt
  if (fields.details !== undefined) event.details = fields.details
  event.providerStatus = fields.providerStatus
  event.raw = fields.raw
  return event
}

export function statusEvent<P extends ProviderName, Raw>(
  kind: StatefulKind,
  status: Status,
  fields: EventFields<P, Raw>,
): StatusEvent<P, Raw> {
  return assemble(kind, `${kind}.${status}`, status, fields) as StatusEvent<P, Raw>
}

export function unknownEvent<P extends ProviderName, Raw>(fields: EventFields<P, Raw>): UnknownEvent<P, Raw> {
  return assemble('unknown', 'unknown', undefined, fields) as UnknownEvent<P, Raw>
}

export function testEvent<P extends ProviderName, Raw>(fields: EventFields<P, Raw>): TestEvent<P, Raw> {
  return assemble('test', 'test', undefined, fields) as TestEvent<P, Raw>
}
