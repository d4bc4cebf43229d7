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
  return [fields.provider, kind, fields.reference ?? '', fields.providerReference ?? '', fields.providerStatus].join('|')
}

function withoutUndefined<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) if (value[key] === undefined) delete value[key]
  return value
}

export function statusEvent<P extends ProviderName, Raw>(
  kind: StatefulKind,
  status: Status,
  fields: EventFields<P, Raw>,
): StatusEvent<P, Raw> {
  return withoutUndefined({
    ...fields,
    id: eventId(kind, fields),
    kind,
    type: `${kind}.${status}`,
    status,
  }) as StatusEvent<P, Raw>
}

export function unknownEvent<P extends ProviderName, Raw>(fields: EventFields<P, Raw>): UnknownEvent<P, Raw> {
  return withoutUndefined({ ...fields, id: eventId('unknown', fields), kind: 'unknown' as const, type: 'unknown' as const })
}

export function testEvent<P extends ProviderName, Raw>(fields: EventFields<P, Raw>): TestEvent<P, Raw> {
  return withoutUndefined({ ...fields, id: eventId('test', fields), kind: 'test' as const, type: 'test' as const })
}
