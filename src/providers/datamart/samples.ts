import type { SamplePayload } from '../../core/test-kit.js'
import type { DatamartEventName } from './schema.js'

/**
 * The documented webhook envelope (providers.md §4.3: field names, `GN-AB12CD34`, `0551234567`,
 * `YELLO`, capacity in GB, price in GHS). Values not printed in the docs are plausible fill-ins.
 */
function order(event: DatamartEventName, status: string) {
  return (overrides: SamplePayload = {}): SamplePayload => ({
    event,
    timestamp: '2026-07-31T10:15:00.000Z',
    data: {
      orderId: '66a9f0c2b7e4d21a9c3f5e10',
      orderReference: 'GN-AB12CD34',
      transactionId: 'TRX-20260731-8F2K1Q',
      phone: '0551234567',
      network: 'YELLO',
      capacity: 5,
      price: 23.5,
      status,
      createdAt: '2026-07-31T10:14:02.000Z',
      updatedAt: '2026-07-31T10:15:00.000Z',
    },
    ...overrides,
  })
}

export const datamartSamples = {
  created: order('order.created', 'pending'),
  processing: order('order.processing', 'processing'),
  completed: order('order.completed', 'completed'),
  failed: order('order.failed', 'failed'),
  refunded: order('order.refunded', 'refunded'),
}
