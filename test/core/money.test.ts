import { describe, expect, it } from 'vitest'
import { currencyExponent, toMoney } from '../../src/core/money.js'

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
