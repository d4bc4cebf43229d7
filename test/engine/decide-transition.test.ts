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
  statusAt: null,
  createdAt: now,
  updatedAt: now,
  ...extra,
})
const event = (status: Status, providerStatus: string = status, amount = { minor: 1_000_000, currency: 'IDR' }, occurredAt?: Date) =>
  statusEvent('payment', status, { provider: 'midtrans', reference: 'ORDER-1', providerReference: 'tx', amount, providerStatus, occurredAt, raw: {} })
const decide = (current: RecordState | null, next: ReturnType<typeof event>, exceptions: TransitionException[] = []) =>
  decideTransition(current, next, { exceptions, onUnknownReference: 'create', now })

describe('transition table (design.md §5)', () => {
  const pairs = STATUSES.flatMap((from) => STATUSES.map((to) => [from, to] as const))
  it.each(pairs)('%s → %s', (from, to) => {
    // Money wins: completed leaves failed / cancelled / expired.
    const moneyWins = to === 'completed' && TERMINAL.includes(from)
    const applied = moneyWins || (from !== to && !TERMINAL.includes(from) && RANK[to] > RANK[from])
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
  const reversal: TransitionException[] = [{ from: 'completed', to: 'failed', toProviderStatus: 'deny' }]

  it('allows what the adapter declares and nothing more', () => {
    expect(decide(record('completed'), event('failed', 'deny'), reversal).action).toBe('apply')
    expect(decide(record('completed'), event('failed', 'failure'), reversal).action).toBe('stale')
    expect(decide(record('completed'), event('cancelled', 'deny'), reversal).action).toBe('stale')
  })

  it('does not allow them without the declaration', () => {
    expect(decide(record('completed'), event('failed', 'deny')).action).toBe('stale')
  })
})

describe('money wins, ordered by provider times (design.md §5)', () => {
  const reversal: TransitionException[] = [{ from: 'completed', to: 'failed', toProviderStatus: 'deny' }]
  const amount = { minor: 1_000_000, currency: 'IDR' }
  const t0 = new Date('2026-03-01T00:30:00Z')
  const t1 = new Date('2026-03-01T00:45:12Z')

  it.each(TERMINAL)('a late failure never undoes completed: completed → %s is stale', (to) => {
    expect(decide(record('completed', { statusAt: t0 }), event(to, to, amount, t1)).action).toBe('stale')
  })

  it('a backwards exception applies to an event at or after the status it leaves', () => {
    expect(decide(record('completed', { statusAt: t1 }), event('failed', 'deny', amount, t1), reversal).action).toBe('apply')
  })

  it('a backwards exception does not apply to an event that happened before the status it leaves', () => {
    expect(decide(record('completed', { statusAt: t1 }), event('failed', 'deny', amount, t0), reversal).action).toBe('stale')
  })

  it('a backwards exception applies when either time is unknown (arrival order is all there is)', () => {
    expect(decide(record('completed', { statusAt: null }), event('failed', 'deny', amount, t0), reversal).action).toBe('apply')
    expect(decide(record('completed', { statusAt: t1 }), event('failed', 'deny'), reversal).action).toBe('apply')
  })

  it('money does not undo a reversal that happened at or after the payment', () => {
    const reversed = record('failed', { providerStatus: 'deny', statusAt: t1 })
    expect(decide(reversed, event('completed', 'settlement', amount, t1), reversal).action).toBe('stale')
    expect(decide(reversed, event('completed', 'settlement', amount, t0), reversal).action).toBe('stale')
  })

  it('money undoes a declined attempt that came before the payment', () => {
    const declined = record('failed', { providerStatus: 'deny', statusAt: t0 })
    expect(decide(declined, event('completed', 'settlement', amount, t1), reversal).action).toBe('apply')
  })

  it('money wins over a plain failure whatever the times (a later failed attempt does not unpay an order)', () => {
    expect(decide(record('failed', { providerStatus: 'failure', statusAt: t1 }), event('completed', 'settlement', amount, t0), reversal).action).toBe('apply')
    expect(decide(record('expired', { statusAt: t1 }), event('completed', 'settlement', amount, t0)).action).toBe('apply')
  })

  it('keeps the provider time of the status it applies', () => {
    const decision = decide(record('pending'), event('completed', 'settlement', amount, t1))
    expect(decision.action === 'apply' && decision.record.statusAt).toEqual(t1)
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

describe('decideTransition: the transition as stored', () => {
  it('keeps the key order outbox rows and notifiers have always seen', () => {
    const applied = decide(null, event('completed'))
    expect(applied.action === 'apply' && Object.keys(applied.transition)).toEqual(['id', 'type', 'event', 'from', 'to', 'record'])
    const suspicious = decide(record('pending', { expectedAmount: { minor: 1, currency: 'IDR' } }), event('completed'))
    expect(suspicious.action === 'suspicious' && Object.keys(suspicious.transition)).toEqual(['id', 'type', 'reason', 'event', 'from', 'to', 'record'])
    expect(suspicious.action === 'suspicious' && suspicious.transition.id).toBe(`${event('completed').id}|suspicious`)
  })
})
