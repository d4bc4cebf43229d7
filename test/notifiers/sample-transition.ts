import type { Transition } from '../../src/engine/types.js'

/** A Datamart "order completed" transition as the engine hands it to notifiers. */
export function sampleTransition(id = 'datamart:GN-AB12CD34:order.completed'): Transition {
  return {
    id,
    type: 'transition',
    event: {
      provider: 'datamart',
      id,
      kind: 'order',
      type: 'order.completed',
      status: 'completed',
      reference: 'GN-AB12CD34',
      providerReference: 'TRX-20260731-8F2K1Q',
      amount: { minor: 2350, currency: 'GHS' },
      occurredAt: '2026-07-31T10:15:00.000Z',
      providerStatus: 'completed',
    },
    from: 'processing',
    to: 'completed',
    record: { provider: 'datamart', reference: 'GN-AB12CD34', status: 'completed', expectedAmount: null },
  }
}
