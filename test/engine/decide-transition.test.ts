import { describe, expect, it } from 'vitest'
import { statusEvent } from '../../src/core/build-event.js'
import type { TransitionException } from '../../src/core/adapter.js'
import { STATUSES, type Status } from '../../src/core/status.js'
import { decideTransition } from '../../src/engine/decide-transition.js'
import type { RecordState } from '../../src/engine/types.js'

// design.md §5, written out again here so the test does not read the code's own table.
const RANK: Record<Status, number> = {
  pending: 0, processing: 1, authorized: 2, review: 2, completed: 3, failed: 3, cancelled: 3, expired: 3,
  partially_refunded: 4, refunded: 5, reversed: 5, chargeback: 5,
}
const TERMINAL: Status[] = ['failed', 'cancelled', 'expired']

const now = new Date('2026-11-22T10:00:00Z')
const record = (status: Status, extra: Partial<RecordState> = {}): RecordState => ({
  provider: 'midtrans',
  reference: 'ORDER-1',
  status,
  providerStatus: status,
  expectedAmount: null,
  createdAt: now,
  updatedAt: now,
  ...extra,
})
const event = (status: Status, providerStatus: string = status, amount = { minor: 1_000_000, currency: 'IDR' }) =>
  statusEvent('payment', status, { provider: 'midtrans', reference: 'ORDER-1', providerReference: 'tx', amount, providerStatus, raw: {} })
const decide = (current: RecordState | null, next: ReturnType<typeof event>, exceptions: TransitionException[] = []) =>
  decideTransition(current, next, { exceptions, onUnknownReference: 'create', now })

describe('transition table (design.md §5)', () => {
  const pairs = STATUSES.flatMap((from) => STATUSES.map((to) => [from, to] as const))
  it.each(pairs)('%s → %s', (from, to) => {
    const applied = from !== to && !TERMINAL.includes(from) && RANK[to] > RANK[from]
    expect(decide(record(from), event(to)).action).toBe(applied ? 'apply' : 'stale')
  })

  it('a late pending never overwrites completed', () => {
    expect(decide(record('completed'), event('pending')).action).toBe('stale')
  })

  it.each(['partially_refunded', 'refunded', 'reversed', 'chargeback'] as const)('completed → %s applies', (to) => {
    expect(decide(record('completed'), event(to)).action).toBe('apply')
  })

  it('partially_refunded → refunded applies', () => {
    expect(decide(record('partially_refunded'), event('refunded')).action).toBe('apply')
  })

  it('creates a record from any first event: a transition from null', () => {
    const decision = decide(null, event('refunded'))
    expect(decision.action).toBe('apply')
    if (decision.action !== 'apply') return
    expect(decision.transition).toMatchObject({ from: null, to: 'refunded', type: 'transition', id: event('refunded').id })
    expect(decision.record).toMatchObject({ status: 'refunded', providerStatus: 'refunded', expectedAmount: null })
  })

  it("ignores an unknown reference when told to", () => {
    expect(decideTransition(null, event('completed'), { exceptions: [], onUnknownReference: 'ignore', now }).action).toBe('ignore')
  })
})

describe('adapter-declared exceptions', () => {
  const reversal: TransitionException[] = [
    { from: 'completed', to: 'failed', toProviderStatus: 'deny' },
    { from: 'failed', fromProviderStatus: 'deny', to: 'completed' },
  ]

  it('allows what the adapter declares and nothing more', () => {
    expect(decide(record('completed'), event('failed', 'deny'), reversal).action).toBe('apply')
    expect(decide(record('completed'), event('failed', 'failure'), reversal).action).toBe('stale')
    expect(decide(record('failed', { providerStatus: 'deny' }), event('completed', 'settlement'), reversal).action).toBe('apply')
    expect(decide(record('failed', { providerStatus: 'expire' }), event('completed', 'settlement'), reversal).action).toBe('stale')
  })

  it('does not allow them without the declaration', () => {
    expect(decide(record('completed'), event('failed', 'deny')).action).toBe('stale')
  })
})

describe('amount integrity', () => {
  const expected = { minor: 1_000_000, currency: 'IDR' }

  it('flags an event whose amount disagrees with the expected one, without applying it', () => {
    const decision = decide(record('pending', { expectedAmount: expected }), event('completed', 'settlement', { minor: 100, currency: 'IDR' }))
    expect(decision.action).toBe('suspicious')
    if (decision.action !== 'suspicious') return
    expect(decision.transition).toMatchObject({ type: 'suspicious', from: 'pending', to: 'completed' })
    expect(decision.transition.reason).toMatch(/amount 100 differs from the expected 1000000/)
    expect(decision.transition.id).not.toBe(event('completed', 'settlement').id)
  })

  it('flags a currency mismatch', () => {
    const decision = decide(record('pending', { expectedAmount: expected }), event('completed', 'settlement', { minor: 1_000_000, currency: 'USD' }))
    expect(decision.action).toBe('suspicious')
  })

  it('applies a matching amount and keeps the expectation', () => {
    const decision = decide(record('pending', { expectedAmount: expected }), event('completed'))
    expect(decision.action).toBe('apply')
    if (decision.action === 'apply') expect(decision.record.expectedAmount).toEqual(expected)
  })
})
