import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { currencyExponent, formatMoney, toMoney } from '../../src/core/money.js'

describe('toMoney', () => {
  it.each([
    ['10000.00', 'IDR', 1_000_000],
    ['100000.00', 'IDR', 10_000_000],
    ['60000', 'TZS', 6_000_000],
    ['500.00', 'TZS', 50_000],
    ['20000.00', 'TZS', 2_000_000],
    ['0', 'TZS', 0],
    ['299.99', 'USD', 29_999],
    ['0.10', 'EUR', 10],
    ['1.5', 'GBP', 150],
    ['1000', 'JPY', 1000],
    ['1.234', 'KWD', 1234],
  ])('%s %s → %i minor units', (amount, currency, minor) => {
    expect(toMoney(amount, currency)).toEqual({ minor, currency })
  })

  it('never goes through binary floating point for strings', () => {
    // 0.29 * 100 = 28.999999999999996 in floating point; string arithmetic gives exactly 29.
    expect(toMoney('0.29', 'GHS')).toEqual({ minor: 29, currency: 'GHS' })
    expect(toMoney('1.13', 'USD')?.minor).toBe(113)
    expect(toMoney('9007199254740.99', 'USD')?.minor).toBe(900719925474099)
  })

  it('accepts numbers as providers send them (Datamart price)', () => {
    expect(toMoney(23.5, 'GHS')).toEqual({ minor: 2350, currency: 'GHS' })
    expect(toMoney(4.35, 'GHS')).toEqual({ minor: 435, currency: 'GHS' })
    expect(toMoney(60000, 'TZS')).toEqual({ minor: 6_000_000, currency: 'TZS' })
  })

  it('upper-cases the currency and tolerates trailing zeros beyond the exponent', () => {
    expect(toMoney('10.500', 'ghs')).toEqual({ minor: 1050, currency: 'GHS' })
  })

  it.each([['10.005', 'USD'], ['1e3', 'USD'], ['12,50', 'EUR'], ['$10', 'USD'], ['', 'USD'], ['1.5', 'JPY'], ['99999999999999999', 'USD']])(
    'refuses %s %s rather than guess',
    (amount, currency) => {
      expect(toMoney(amount, currency)).toBeUndefined()
    },
  )

  it('refuses non-finite numbers', () => {
    expect(toMoney(Number.NaN, 'USD')).toBeUndefined()
    expect(toMoney(Number.POSITIVE_INFINITY, 'USD')).toBeUndefined()
  })

  it('knows the ISO-4217 exponents the providers use', () => {
    expect([currencyExponent('IDR'), currencyExponent('TZS'), currencyExponent('GHS'), currencyExponent('USD'), currencyExponent('EUR'), currencyExponent('GBP')]).toEqual([2, 2, 2, 2, 2, 2])
    expect(currencyExponent('JPY')).toBe(0)
    expect(currencyExponent('BHD')).toBe(3)
  })
})

/** toMoney as it was written before its one-scan version: the slow path the scan must agree with. */
function regexToMoney(amount: string | number, currency: string) {
  const text = typeof amount === 'number' ? (Number.isFinite(amount) ? String(amount) : '') : amount.trim()
  const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(text)
  if (match === null) return undefined
  const [, sign, whole = '', fraction = ''] = match
  const exponent = currencyExponent(currency)
  if (fraction.replace(/0+$/, '').length > exponent) return undefined
  const minor = Number(whole + fraction.padEnd(exponent, '0').slice(0, exponent))
  if (!Number.isSafeInteger(minor)) return undefined
  return { minor: sign === '-' && minor !== 0 ? -minor : minor, currency: currency.toUpperCase() }
}

describe('toMoney agrees with the regex version it replaced', () => {
  const currencies = fc.constantFrom('IDR', 'TZS', 'GHS', 'usd', 'JPY', 'KWD', 'CLF')
  it('on decimal-looking strings (signs, dots, spaces, exponents, commas, long digit runs)', () => {
    const text = fc.array(fc.constantFrom('0', '1', '5', '9', '.', '-', '+', ' ', 'e', ',', '00', '99999999'), { maxLength: 12 }).map((parts) => parts.join(''))
    fc.assert(fc.property(text, currencies, (amount, currency) => {
      expect(toMoney(amount, currency)).toEqual(regexToMoney(amount, currency))
    }), { numRuns: 3000 })
  })

  it('on numbers, including huge, tiny, negative and non-finite ones', () => {
    const amount = fc.oneof(fc.double(), fc.integer(), fc.double({ min: -1e6, max: 1e6 }).map((n) => Math.round(n * 100) / 100))
    fc.assert(fc.property(amount, currencies, (value, currency) => {
      expect(toMoney(value, currency)).toEqual(regexToMoney(value, currency))
    }), { numRuns: 3000 })
  })
})

describe('formatMoney', () => {
  it.each([
    [{ minor: 29999, currency: 'USD' }, '299.99 USD'],
    [{ minor: 5, currency: 'USD' }, '0.05 USD'],
    [{ minor: 1000000, currency: 'IDR' }, '10000.00 IDR'],
    [{ minor: 60000, currency: 'UGX' }, '60000 UGX'],
    [{ minor: 1234, currency: 'KWD' }, '1.234 KWD'],
    [{ minor: -250, currency: 'GHS' }, '-2.50 GHS'],
  ])('%o → %s', (money, text) => {
    expect(formatMoney(money)).toBe(text)
  })
})
