import { describe, expect, it } from 'vitest'
import { createPayhooks, refract } from 'payhooks'
import { createConsole } from 'payhooks/console'

const hooks = createPayhooks({ providers: [refract({ token: 'refract-options-token' })] })
const LONG = 'x'.repeat(32)

describe('createConsole refuses to be open or half-protected', () => {
  it.each([
    ['no options', undefined],
    ['no token and no authorize', {}],
    ['an empty token', { token: '' }],
    ['a 31-character token', { token: 'x'.repeat(31) }],
    ['a token with stray whitespace', { token: ` ${LONG}` }],
    ['both token and authorize', { token: LONG, authorize: () => true }],
    ['authorize that is not a function', { authorize: true }],
    ['a base path with a trailing slash', { token: LONG, basePath: '/payhooks/' }],
    ['a base path with markup', { token: LONG, basePath: '/"><script>' }],
    ['a relative base path', { token: LONG, basePath: 'payhooks' }],
  ])('%s', (_name, options) => {
    expect(() => createConsole(hooks, options as never)).toThrow(TypeError)
  })

  it('says how to make a token, and never echoes the one it refused', () => {
    const short = 'short-secret-value'
    let message = ''
    try {
      createConsole(hooks, { token: short })
    } catch (error) {
      message = (error as Error).message
    }
    expect(message).toContain('at least 32 characters')
    expect(message).not.toContain(short)
  })

  it('accepts a 32-character token or an authorize function, mounted where asked', () => {
    expect(createConsole(hooks, { token: LONG }).basePath).toBe('/payhooks')
    expect(createConsole(hooks, { authorize: () => false, basePath: '/ops/payments' }).basePath).toBe('/ops/payments')
  })
})
