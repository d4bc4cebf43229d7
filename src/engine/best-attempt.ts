import type { StatusEvent } from '../core/event.js'
import { STATUS_RANK } from '../core/status.js'

/**
 * The attempt a record should follow when a status API reports several under one reference
 * (ClickPesa): money wins (design.md §5), so any `completed` attempt; else the furthest along; among
 * equals the latest by the provider's clock. Applying only this one keeps notifications to the one
 * transition a person cares about, instead of replaying every failed attempt first.
 */
export function bestAttempt(events: readonly StatusEvent[]): StatusEvent | undefined {
  let best: StatusEvent | undefined
  for (const event of events) {
    if (best === undefined || isBetter(event, best)) best = event
  }
  return best
}

function isBetter(candidate: StatusEvent, current: StatusEvent): boolean {
  const paid = (event: StatusEvent) => (event.status === 'completed' ? 1 : 0)
  if (paid(candidate) !== paid(current)) return paid(candidate) > paid(current)
  if (STATUS_RANK[candidate.status] !== STATUS_RANK[current.status]) return STATUS_RANK[candidate.status] > STATUS_RANK[current.status]
  return (candidate.occurredAt?.getTime() ?? 0) > (current.occurredAt?.getTime() ?? 0)
}
