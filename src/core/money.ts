import type { Money } from './event.js'

/** ISO-4217 minor-unit exponents for currencies whose exponent is not 2. Everything else is 2. */
const EXPONENTS: Readonly<Record<string, number>> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0, UYI: 0,
  VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  CLF: 4, UYW: 4,
}

export function currencyExponent(currency: string): number {
  return EXPONENTS[currency.toUpperCase()] ?? 2
}

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/

/**
 * A provider amount ("10000.00", "60000", 4.5) in integer minor units, by string arithmetic so that
 * no binary floating point rounding can creep in. Returns undefined for anything that is not a plain
 * decimal or that has more precision than the currency allows (the caller leaves `amount` out rather
 * than guess).
 */
export function toMoney(amount: string | number, currency: string): Money | undefined {
  const text = typeof amount === 'number' ? (Number.isFinite(amount) ? String(amount) : '') : amount.trim()
  const match = DECIMAL.exec(text)
  if (match === null) return undefined
  const [, sign, whole = '', fraction = ''] = match
  const exponent = currencyExponent(currency)
  const significant = fraction.replace(/0+$/, '')
  if (significant.length > exponent) return undefined
  const minor = Number(whole + fraction.padEnd(exponent, '0').slice(0, exponent))
  if (!Number.isSafeInteger(minor)) return undefined
  return { minor: sign === '-' && minor !== 0 ? -minor : minor, currency: currency.toUpperCase() }
}
