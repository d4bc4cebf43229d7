import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseIsoDate } from '../../src/core/parse-date.js'

/** parseIsoDate's slow path on its own: what the fast path must agree with. */
function viaDateParser(value: string): Date | undefined {
  const date = new Date(value)
  return Number.isNaN(date.getTime()) ? undefined : date
}

const pad = (n: number, width: number) => String(n).padStart(width, '0')

describe('parseIsoDate', () => {
  it.each([
    // ClickPesa data.updatedAt / createdAt (providers.md §3.2: milliseconds and Z).
    ['2025-03-21T10:15:30.000Z', Date.UTC(2025, 2, 21, 10, 15, 30)],
    // DataMart timestamp (§4.3), Discord embed timestamps (§5.3) as toISOString() writes them.
    ['2026-01-22T08:00:01.123Z', Date.UTC(2026, 0, 22, 8, 0, 1, 123)],
    ['2023-03-02T04:21:29Z', Date.UTC(2023, 2, 2, 4, 21, 29)],
    // Offsets and microseconds (Python senders) take the slow path.
    ['2026-01-22T10:15:30.123456+00:00', Date.UTC(2026, 0, 22, 10, 15, 30, 123)],
    ['2026-01-22T17:15:30+07:00', Date.UTC(2026, 0, 22, 10, 15, 30)],
    ['2024-02-29T23:59:59.999Z', Date.UTC(2024, 1, 29, 23, 59, 59, 999)],
  ])('reads %s', (value, ms) => {
    expect(parseIsoDate(value)?.getTime()).toBe(ms)
  })

  it.each(['', 'yesterday', '2025-13-01T00:00:00Z', '2025-01-01T25:00:00Z'])('leaves %j out rather than an Invalid Date', (value) => {
    expect(parseIsoDate(value)).toBeUndefined()
  })

  it('agrees with new Date() on every UTC ISO string, in range or not (the fast path vs the slow one)', () => {
    const parts = fc.record({
      year: fc.integer({ min: 0, max: 9999 }),
      month: fc.integer({ min: 0, max: 13 }),
      day: fc.integer({ min: 0, max: 32 }),
      hour: fc.integer({ min: 0, max: 25 }),
      minute: fc.integer({ min: 0, max: 61 }),
      second: fc.integer({ min: 0, max: 61 }),
      millisecond: fc.option(fc.integer({ min: 0, max: 999 })),
    })
    fc.assert(
      fc.property(parts, ({ year, month, day, hour, minute, second, millisecond }) => {
        const ms = millisecond === null ? '' : `.${pad(millisecond, 3)}`
        const value = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}${ms}Z`
        expect(parseIsoDate(value)?.getTime()).toBe(viaDateParser(value)?.getTime())
      }),
      { numRuns: 5000 },
    )
  })

  it('agrees with new Date() on strings of the same length and shape with any character swapped in', () => {
    const base = '2025-03-21T10:15:30.000Z'
    const mutated = fc.tuple(fc.integer({ min: 0, max: base.length - 1 }), fc.constantFrom('0', '9', 'x', ' ', '-', ':', '.', 'Z', 't', '+', '٣'), fc.boolean())
    fc.assert(
      fc.property(mutated, ([at, char, short]) => {
        const value = (base.slice(0, at) + char + base.slice(at + 1)).slice(0, short ? 20 : undefined)
        expect(parseIsoDate(value)?.getTime()).toBe(viaDateParser(value)?.getTime())
      }),
      { numRuns: 3000 },
    )
  })
})
