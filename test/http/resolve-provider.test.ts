import { describe, expect, it } from 'vitest'
import { resolveProvider } from '../../src/http/resolve-provider.js'

const providers = ['datamart', 'refract', 'azampay']

describe('resolveProvider', () => {
  it('skips a mount prefix and a trailing token segment', () => {
    expect(resolveProvider('/api/v1/webhooks/refract/s3cr3t-token', providers)).toBe('refract')
    expect(resolveProvider('https://shop.example/webhooks/azampay?token=abc', providers)).toBe('azampay')
  })

  it('takes the LAST segment naming a provider', () => {
    expect(resolveProvider('/datamart/hooks/refract/tok', providers)).toBe('refract')
  })

  it('decodes segments and ignores the query string', () => {
    expect(resolveProvider('/webhooks/%64atamart', providers)).toBe('datamart')
    expect(resolveProvider('/webhooks/x?provider=datamart', providers)).toBeUndefined()
  })

  it('is undefined when nothing names a registered provider', () => {
    expect(resolveProvider('/webhooks/stripe', providers)).toBeUndefined()
    expect(resolveProvider('/', providers)).toBeUndefined()
  })
})
