import fc from 'fast-check'
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

/** The implementation before the allocation-free walk: split, filter, decode every segment, scan from the end. */
function resolveBySplitting(url: string, names: readonly string[]): string | undefined {
  let path = url
  const scheme = path.indexOf('://')
  if (scheme !== -1) {
    const slash = path.indexOf('/', scheme + 3)
    path = slash === -1 ? '/' : path.slice(slash)
  }
  const end = path.search(/[?#]/)
  if (end !== -1) path = path.slice(0, end)
  const segments = path
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => {
      try {
        return decodeURIComponent(segment)
      } catch {
        return segment
      }
    })
  for (let i = segments.length - 1; i >= 0; i--) if (names.includes(segments[i] as string)) return segments[i]
  return undefined
}

describe('resolveProvider fast path', () => {
  it('agrees with splitting the path on every URL made of slashes, names, escapes, queries and hosts', () => {
    const part = fc.constantFrom('/', '//', 'datamart', 'refract', '%64atamart', '%E0%A4%A', 'x', '?', '#', 'a=b', 'https://h.example', ':', '')
    fc.assert(
      fc.property(fc.array(part, { maxLength: 10 }), (parts) => {
        const url = parts.join('')
        expect(resolveProvider(url, providers)).toBe(resolveBySplitting(url, providers))
      }),
      { numRuns: 3000 },
    )
  })
})
