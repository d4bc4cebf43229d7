import type { AppliedTransition, SuspiciousTransition } from '../../src/engine/types.js'

/** A Datamart "order completed" transition as the engine hands it to notifiers. */
export function sampleTransition(id = 'datamart:GN-AB12CD34:order.completed'): AppliedTransition {
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

/**
 * The same order reported paid while the host expected GHS 30.00 (`hooks.expect()`): not applied, the
 * record stays `pending`.
 */
export function sampleSuspicious(id = 'datamart:GN-AB12CD34:order.completed|suspicious'): SuspiciousTransition {
  return {
    ...sampleTransition(id),
    type: 'suspicious',
    reason: 'amount 2350 differs from the expected 3000 (minor units)',
    from: 'pending',
    record: { provider: 'datamart', reference: 'GN-AB12CD34', status: 'pending', expectedAmount: { minor: 3000, currency: 'GHS' } },
  }
}
