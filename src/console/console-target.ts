import type { ProviderName } from '../core/event.js'
import type { Payhooks } from '../engine/create-payhooks.js'
import type { ReconcileError, ReconcileOutcome } from '../engine/reconcile.js'
import type { Delivery, DeliveryOutcome, NotificationQuery, OutboxRow, RecordState, Transition } from '../engine/types.js'

// PRE-MERGE STAND-IN for the operator API (operator-api.md); replaced by Pick<Payhooks, …> once it lands.
export interface ConsoleTarget extends Pick<Payhooks, 'providers' | 'reconcile'> {
  records(query?: { provider?: ProviderName; reference?: string; stuckFor?: number; limit?: number }): Promise<RecordState[]>
  deliveries(query?: { provider?: string; reference?: string; id?: string; since?: Date; limit?: number }): Promise<Delivery[]>
  notifications(query?: NotificationQuery): Promise<OutboxRow[]>
  onDelivery(listener: (entry: { delivery: Delivery; transition?: Transition }) => void): () => void
  replay(deliveryId: string): Promise<
    | { replayed: true; outcome: DeliveryOutcome; delivery: Delivery }
    | { replayed: false; reason: 'not_found' | 'not_verified' | 'not_replayable'; message: string }>
  retryNotifications(target: { id: string } | { all: true }): Promise<number>
  reconcileRecord(provider: ProviderName, reference: string, options?: { signal?: AbortSignal }): Promise<{ outcome: ReconcileOutcome; record: RecordState | null; error?: ReconcileError }>
}
