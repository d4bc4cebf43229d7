import type { DatamartFakeOrder } from '../../../src/providers/datamart/fake-status-api.js'

/**
 * The `data` of a GET /order-status/{reference} answer with the fields providers.md §4.6 lists (orderId,
 * reference, phoneNumber, network, capacity, price, orderStatus, processingMethod, createdAt, updatedAt)
 * and the extra ones DataMart's code returns (mb, balanceInfo, apiResponse). The fake echoes `reference`.
 * Values are the webhook sample's (§4.3), so a poll and a webhook describe the same order.
 */
export function orderAnswer(orderStatus: string, overrides: Record<string, unknown> = {}): DatamartFakeOrder {
  return {
    orderId: '66a9f0c2b7e4d21a9c3f5e10',
    phoneNumber: '0551234567',
    network: 'YELLO',
    capacity: 5,
    mb: '5000',
    price: 23.5,
    orderStatus,
    processingMethod: 'geonettech_api',
    createdAt: '2026-07-31T10:14:02.000Z',
    updatedAt: '2026-07-31T10:15:00.000Z',
    balanceInfo: { balanceBefore: 100, balanceAfter: 76.5, balanceChange: -23.5 },
    apiResponse: null,
    ...overrides,
  }
}

export const REFERENCE = 'GN-AB12CD34'
