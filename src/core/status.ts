/** Every normalized status, in rank order (design.md §5). */
export const STATUSES = [
  'pending',
  'processing',
  'authorized',
  'review',
  'completed',
  'failed',
  'cancelled',
  'expired',
  'partially_refunded',
  'refunded',
  'reversed',
  'chargeback',
] as const

export type Status = (typeof STATUSES)[number]

/**
 * How far along its life a status is. A move is applied only to a strictly higher rank, so a late
 * `pending` can never overwrite `completed`.
 */
export const STATUS_RANK = {
  pending: 0,
  processing: 1,
  authorized: 2,
  review: 2,
  completed: 3,
  failed: 3,
  cancelled: 3,
  expired: 3,
  partially_refunded: 4,
  refunded: 5,
  reversed: 5,
  chargeback: 5,
} as const satisfies Record<Status, number>

/** Outcomes nothing may move out of, unless an adapter declares an exception. */
export const TERMINAL_STATUSES: ReadonlySet<Status> = new Set(['failed', 'cancelled', 'expired'])

export function isStatus(value: unknown): value is Status {
  return typeof value === 'string' && Object.hasOwn(STATUS_RANK, value)
}
