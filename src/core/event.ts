import type { Status } from './status.js'

export const PROVIDERS = ['midtrans', 'azampay', 'clickpesa', 'datamart', 'refract'] as const
export type ProviderName = (typeof PROVIDERS)[number]

export type EventKind = 'payment' | 'payout' | 'order' | 'deposit' | 'test' | 'unknown'
/** The kinds that carry a status. */
export type StatefulKind = Exclude<EventKind, 'test' | 'unknown'>

export interface Money {
  /** Integer amount in ISO-4217 minor units: "10000.00" IDR → 1000000. */
  minor: number
  currency: string
}

interface EventBase<P extends ProviderName, Raw> {
  provider: P
  /** Dedupe key: identical redeliveries share it; a new status does not. */
  id: string
  /** The merchant's own id (order_id, utilityref, orderReference, Order Number without '#'). */
  reference?: string | undefined
  /** The provider's transaction id. */
  providerReference?: string | undefined
  amount?: Money | undefined
  occurredAt?: Date | undefined
  /** Provider-specific labels worth showing a person, e.g. Refract's store and product. */
  details?: Readonly<Record<string, string>> | undefined
  /** The status exactly as sent, e.g. 'capture/accept', 'PAYOUT REVERSED', 'failed'. */
  providerStatus: string
  /** The validated wire payload. */
  raw: Raw
}

/** One `kind.status` member per pair, so `event.type === 'payment.completed'` narrows `status`. */
export type StatusEvent<P extends ProviderName = ProviderName, Raw = unknown> = {
  [K in StatefulKind]: {
    [S in Status]: EventBase<P, Raw> & { kind: K; type: `${K}.${S}`; status: S }
  }[Status]
}[StatefulKind]

export type TestEvent<P extends ProviderName = ProviderName, Raw = unknown> = EventBase<P, Raw> & {
  kind: 'test'
  type: 'test'
  status?: undefined
}

export type UnknownEvent<P extends ProviderName = ProviderName, Raw = unknown> = EventBase<P, Raw> & {
  kind: 'unknown'
  type: 'unknown'
  status?: undefined
}

export type WebhookEvent<P extends ProviderName = ProviderName, Raw = unknown> =
  | StatusEvent<P, Raw>
  | TestEvent<P, Raw>
  | UnknownEvent<P, Raw>

export type EventType = WebhookEvent['type']
