import type { Delivery } from '../engine/types.js'

/** The outcomes a chart stacks; test, unknown and ignored deliveries are `other`. */
export const CHART_OUTCOMES = ['applied', 'duplicate', 'stale', 'suspicious', 'rejected', 'other'] as const
type ChartOutcome = (typeof CHART_OUTCOMES)[number]

export interface ChartWindow {
  bucketMs: number
  /** Oldest bucket first; the last one ends at `endsAt`. */
  endsAt: Date
  series: Record<ChartOutcome, number[]>
}

export const HOUR_MS = 60 * 60_000
export const DAY_MS = 24 * HOUR_MS

function chartOutcome(outcome: Delivery['outcome']): ChartOutcome {
  return (CHART_OUTCOMES as readonly string[]).includes(outcome) ? (outcome as ChartOutcome) : 'other'
}

function chart(deliveries: readonly Delivery[], now: number, spanMs: number, bucketMs: number): ChartWindow {
  const count = spanMs / bucketMs
  const series = Object.fromEntries(CHART_OUTCOMES.map((o) => [o, new Array<number>(count).fill(0)])) as Record<ChartOutcome, number[]>
  for (const delivery of deliveries) {
    const age = now - delivery.receivedAt.getTime()
    if (age < 0 || age >= spanMs) continue
    const bucket = count - 1 - Math.floor(age / bucketMs)
    ;(series[chartOutcome(delivery.outcome)] as number[])[bucket] = ((series[chartOutcome(delivery.outcome)] as number[])[bucket] ?? 0) + 1
  }
  return { bucketMs, endsAt: new Date(now), series }
}

/**
 * One provider's health from its webhook deliveries of the last day (polls are the reconciler's, not
 * the provider's): the rejection rate and deliveries per minute (last hour) and per 15 min (last day).
 */
export function providerHealth(provider: string, lastDelivery: Delivery | undefined, dayOfDeliveries: readonly Delivery[], now: number) {
  const webhooks = dayOfDeliveries.filter((d) => d.source !== 'poll')
  const rejected = webhooks.filter((d) => d.outcome === 'rejected').length
  return {
    provider,
    lastDeliveryAt: lastDelivery?.receivedAt ?? null,
    lastDay: { total: webhooks.length, rejected, rejectionRate: webhooks.length === 0 ? null : rejected / webhooks.length },
    hour: chart(webhooks, now, HOUR_MS, 60_000),
    day: chart(webhooks, now, DAY_MS, 15 * 60_000),
  }
}
