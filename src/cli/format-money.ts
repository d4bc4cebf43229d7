import type { Money } from '../core/event.js'
import { currencyExponent } from '../core/money.js'

/** { minor: 1000000, currency: 'IDR' } → "10000.00 IDR"; the exponent is the currency's own. */
export function formatMoney({ minor, currency }: Money): string {
  const exponent = currencyExponent(currency)
  const digits = String(Math.abs(minor)).padStart(exponent + 1, '0')
  const whole = exponent === 0 ? digits : `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`
  return `${minor < 0 ? '-' : ''}${whole} ${currency}`
}
