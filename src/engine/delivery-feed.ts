import type { Delivery, Logger, Transition } from './types.js'

export interface DeliveryFeedEntry {
  /** As written to the delivery log: already redacted. */
  delivery: Delivery
  /** The change the delivery applied (or flagged as suspicious), if any. */
  transition?: Transition
}

export type DeliveryListener = (entry: DeliveryFeedEntry) => void

/**
 * This instance's deliveries, as they are logged, for live views (the console's feed). In-process
 * only: with several instances, each sees its own; the store holds everyone's.
 */
export function createDeliveryFeed(logger: Logger) {
  const listeners = new Set<DeliveryListener>()
  return {
    subscribe(listener: DeliveryListener): () => void {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    publish(entry: DeliveryFeedEntry): void {
      for (const listener of listeners) {
        // A broken listener must not fail a delivery that is already applied and logged.
        try {
          listener(entry)
        } catch (error) {
          logger.error({ error }, 'payhooks: a delivery listener threw')
        }
      }
    },
  }
}
