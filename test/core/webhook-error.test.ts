import { describe, expect, it } from 'vitest'
import { ERROR_STATUS, isWebhookError, WebhookError } from '../../src/core/webhook-error.js'

describe('WebhookError', () => {
  it.each([
    ['PAYLOAD_NOT_RAW', 400],
    ['PAYLOAD_INVALID_JSON', 400],
    ['PAYLOAD_INVALID', 400],
    ['PAYLOAD_TOO_LARGE', 413],
    ['METHOD_NOT_ALLOWED', 405],
    ['SIGNATURE_MISSING', 401],
    ['SIGNATURE_MISMATCH', 401],
    ['PROVIDER_UNKNOWN', 404],
    ['STORE_UNAVAILABLE', 503],
  ] as const)('%s answers HTTP %i (design.md §7)', (code, status) => {
    expect(new WebhookError(code, 'm', { hint: 'h' }).status).toBe(status)
    expect(ERROR_STATUS[code]).toBe(status)
  })

  it('serializes to the response body shape with the failing path', () => {
    const error = new WebhookError('PAYLOAD_INVALID', 'bad', { provider: 'clickpesa', hint: 'fix it', path: 'data.orderReference' })
    expect(error.toJSON()).toEqual({ error: { code: 'PAYLOAD_INVALID', message: 'bad', hint: 'fix it', path: 'data.orderReference' } })
    expect(error).toBeInstanceOf(Error)
    expect(error.name).toBe('WebhookError')
  })

  it('is recognised across package copies by name and code', () => {
    const foreign = Object.assign(new Error('x'), { name: 'WebhookError', code: 'SIGNATURE_MISMATCH' })
    expect(isWebhookError(foreign)).toBe(true)
    expect(isWebhookError(new Error('x'))).toBe(false)
  })
})
