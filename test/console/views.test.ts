import { describe, expect, it } from 'vitest'
import { amountText } from '../../src/console/views.js'

describe('amountText', () => {
  it('shows nothing for no amount', () => {
    expect(amountText(undefined)).toBeNull()
    expect(amountText(null)).toBeNull()
    expect(amountText({ minor: 5, currency: 'USD' })).toBe('0.05 USD')
  })
})
