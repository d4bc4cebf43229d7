import { statusEvent } from '../core/build-event.js'
import type { ProviderName, StatusEvent } from '../core/event.js'
import type { Status } from '../core/status.js'
import { decideTransition } from '../engine/decide-transition.js'
import type { Decision, RecordState } from '../engine/types.js'

export const NOTIFIERS = ['audit', 'sms'] as const

let sequence = 0
/** References unique per run, so a store over a shared database can run the suite repeatedly. */
export function uniqueReference(label: string): string {
  sequence += 1
  return `contract-${label}-${Date.now().toString(36)}-${sequence}-${Math.random().toString(36).slice(2, 8)}`
}

export function orderEvent(
  reference: string,
  status: Status,
  providerStatus: string = status,
  price = '23.50',
  provider: ProviderName = 'datamart',
  occurredAt?: Date,
): StatusEvent {
  return statusEvent('order', status, {
    provider,
    reference,
    providerReference: `TRX-${reference}`,
    amount: { minor: Math.round(Number(price) * 100), currency: 'GHS' },
    occurredAt,
    providerStatus,
    raw: {},
  })
}

/** The engine's decision for `event`, taken at `now` (which becomes the record's updatedAt). */
export const decide =
  (event: StatusEvent, now = new Date()) =>
  (current: RecordState | null): Decision =>
    decideTransition(current, event, { exceptions: [], onUnknownReference: 'create', now })
