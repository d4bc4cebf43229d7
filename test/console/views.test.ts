import { describe, expect, it } from 'vitest'
import { formatMoney } from '../../src/console/views.js'

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

  it('shows nothing for no amount', () => {
    expect(formatMoney(undefined)).toBeNull()
    expect(formatMoney(null)).toBeNull()
  })
})
