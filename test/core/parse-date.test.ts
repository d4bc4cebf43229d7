import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseIsoDate, wallClockMilliseconds } from '../../src/core/parse-date.js'

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

/** The slow path wallClockMilliseconds stands in front of (Midtrans' regex reading), for any offset. */
function viaRegex(value: string, offsetMs: number): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(value)
  if (match === null) return undefined
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[]
  return Date.UTC(y as number, (mo as number) - 1, d, h, mi, s) - offsetMs
}

describe('wallClockMilliseconds', () => {
  const JAKARTA = 7 * 60 * 60 * 1000

  it('reads Midtrans times (providers.md §1.3) at their offset', () => {
    expect(wallClockMilliseconds('2026-03-01 07:45:12', JAKARTA)).toBe(Date.UTC(2026, 2, 1, 0, 45, 12))
    expect(wallClockMilliseconds('2024-02-29 23:59:59', 0)).toBe(Date.UTC(2024, 1, 29, 23, 59, 59))
  })

  it.each(['2026-03-01T07:45:12', '2026-03-01 07:45', '2026-03-01 07:45:12Z', '2026-3-01 07:45:12', '2026-03-01 07:4a:12', ''])(
    'leaves %j to the slow path',
    (value) => expect(wallClockMilliseconds(value, JAKARTA)).toBeUndefined(),
  )

  it.each(['2026-02-30 10:00:00', '2026-13-01 10:00:00', '2026-03-01 24:00:00', '0099-03-01 10:00:00', '2026-03-01 10:60:00'])(
    'leaves out-of-range %j to the slow path, which rolls it over as Date.UTC does',
    (value) => {
      expect(wallClockMilliseconds(value, JAKARTA)).toBeUndefined()
      expect(viaRegex(value, JAKARTA)).toBeTypeOf('number')
    },
  )

  it('agrees with the regex reading on every time it reads, in range or not', () => {
    fc.assert(
      fc.property(
        fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 })),
        fc.tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 })),
        ([y, mo, d], [h, mi, s]) => {
          const value = `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)} ${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}`
          const fast = wallClockMilliseconds(value, JAKARTA)
          if (fast !== undefined) expect(fast).toBe(viaRegex(value, JAKARTA))
          const inRange = y >= 100 && mo >= 1 && mo <= 12 && d >= 1 && d <= new Date(Date.UTC(y, mo, 0)).getUTCDate() && h <= 23 && mi <= 59 && s <= 59
          expect(fast !== undefined).toBe(inRange)
        },
      ),
      { numRuns: 2000 },
    )
  })
})
