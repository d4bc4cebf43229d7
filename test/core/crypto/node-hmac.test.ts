import { createHmac } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { hmacSha256HexNow, nodeCrypto } from '../../../src/core/crypto/node.js'

/** The slow path the fast one replaces: node:crypto's own HMAC. */
const byCreateHmac = (key: string, data: string | Uint8Array) => createHmac('sha256', key).update(data).digest('hex')

describe('node HMAC-SHA256 by two one-shot hashes', () => {
  it('is the fast path where crypto.hash exists', () => {
    expect(hmacSha256HexNow.name).toBe('hmacByHash')
  })

  it('hashes a key longer than one block first, as createHmac does', () => {
    const key = `${'k'.repeat(64)}€`
    expect(hmacSha256HexNow(key, 'body')).toBe(byCreateHmac(key, 'body'))
    expect(hmacSha256HexNow('k'.repeat(64), 'body')).toBe(byCreateHmac('k'.repeat(64), 'body'))
  })

  it('agrees with createHmac on any key and text, as a string and as bytes', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 100, unit: 'grapheme' }), fc.string({ maxLength: 700, unit: 'grapheme' }), (key, text) => {
        const expected = byCreateHmac(key, text)
        expect(hmacSha256HexNow(key, text)).toBe(expected)
        expect(hmacSha256HexNow(key, new TextEncoder().encode(text))).toBe(expected)
      }),
      { numRuns: 300 },
    )
  })

  it('agrees with createHmac at, around and past the scratch buffer size (8 KiB), in 1-, 2-, 3- and 4-byte characters', () => {
    for (const char of ['x', 'é', '₵', '😀']) {
      for (const bytes of [0, 1, 8188, 8189, 8190, 8191, 8192, 8193, 8196, 20_000]) {
        const text = char.repeat(Math.ceil(bytes / Buffer.byteLength(char)))
        expect(hmacSha256HexNow('k', text), `${char} × ${text.length}`).toBe(byCreateHmac('k', text))
        const raw = new TextEncoder().encode(text)
        expect(hmacSha256HexNow('k', raw), `${raw.length} bytes`).toBe(byCreateHmac('k', raw))
      }
    }
  })

  it('keeps secrets apart when they alternate (the pads are per secret, the scratch buffer shared)', async () => {
    for (let i = 0; i < 3; i++) {
      for (const key of ['secret-a', 'secret-b', 'a much longer secret that still fits in one block']) {
        expect(hmacSha256HexNow(key, `body ${i}`)).toBe(byCreateHmac(key, `body ${i}`))
        expect(await nodeCrypto.hmacSha256Hex(key, `body ${i}`)).toBe(byCreateHmac(key, `body ${i}`))
      }
    }
  })
})
