import { describe, expect, it } from 'vitest'
import type { Delivery } from 'payhooks'
import { providerHealth } from '../../src/console/health.js'

const NOW = Date.parse('2026-03-01T12:00:00.000Z')

function delivery(ageMs: number, outcome: Delivery['outcome'], source: Delivery['source'] = 'webhook'): Delivery {
  return {
    id: `${ageMs}-${outcome}-${source}`,
    source,
    provider: 'datamart',
    receivedAt: new Date(NOW - ageMs),
    verified: outcome !== 'rejected',
    outcome,
    errorCode: outcome === 'rejected' ? 'SIGNATURE_MISMATCH' : null,
    eventId: null,
    reference: null,
    status: null,
    method: 'POST',
    url: null,
    headers: {},
    body: '',
  }
}

describe('providerHealth', () => {
  const day = [
    delivery(0, 'applied'),
    delivery(30_000, 'rejected'),
    delivery(59 * 60_000 + 59_999, 'duplicate'),
    delivery(60 * 60_000, 'applied'), // an hour old: in the day chart only
    delivery(23 * 60 * 60_000, 'test'),
    delivery(10_000, 'applied', 'poll'), // the reconciler's, not the provider's
  ]
  const health = providerHealth('datamart', day[0], day, NOW)

  it('puts each webhook delivery in the minute it arrived, newest bucket last, polls left out', () => {
    expect(health.hour.series.applied[59]).toBe(1)
    expect(health.hour.series.rejected[59]).toBe(1)
    expect(health.hour.series.duplicate[0]).toBe(1)
    expect(health.hour.series.applied.reduce((a, b) => a + b, 0)).toBe(1)
    expect(health.day.series.applied[95]).toBe(1)
    expect(health.day.series.applied[91]).toBe(1)
    expect(health.day.series.other[3]).toBe(1)
    expect(health.day.series.duplicate[92]).toBe(1)
  })

  it('counts the rejection rate over the day of webhook deliveries', () => {
    expect(health.lastDay).toEqual({ total: 5, rejected: 1, rejectionRate: 0.2 })
    expect(health.lastDeliveryAt).toEqual(new Date(NOW))
  })

  it('reports no rate rather than 0 % when nothing arrived', () => {
    expect(providerHealth('azampay', undefined, [], NOW)).toMatchObject({ lastDeliveryAt: null, lastDay: { total: 0, rejected: 0, rejectionRate: null } })
  })
})
