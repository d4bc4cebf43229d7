import { describe, expect, it } from 'vitest'
import type { CryptoSeam } from '../../../src/core/crypto/types.js'

/**
 * Known-answer vectors from the standards, so both implementations are checked against the same
 * outside truth rather than against each other.
 */
const RFC4231_CASE_2 = {
  key: 'Jefe',
  data: 'what do ya want for nothing?',
  hex: '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
}
// FIPS 180-2 appendix C.1: SHA-512("abc").
const SHA512_ABC =
  'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f'
// SHA-512 of the empty string (FIPS 180-4 test vectors).
const SHA512_EMPTY =
  'cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e'

export function runCryptoContract(name: string, seam: CryptoSeam): void {
  describe(`${name} crypto`, () => {
    it('computes HMAC-SHA256 per RFC 4231 test case 2, from a string and from bytes', async () => {
      expect(await seam.hmacSha256Hex(RFC4231_CASE_2.key, RFC4231_CASE_2.data)).toBe(RFC4231_CASE_2.hex)
      expect(await seam.hmacSha256Hex(RFC4231_CASE_2.key, new TextEncoder().encode(RFC4231_CASE_2.data))).toBe(RFC4231_CASE_2.hex)
    })

    it('computes base64 HMAC-SHA256 with a binary key', async () => {
      const hexToBase64 = (hex: string) => btoa(String.fromCharCode(...(hex.match(/../g) ?? []).map((h) => parseInt(h, 16))))
      const key = new TextEncoder().encode(RFC4231_CASE_2.key)
      expect(await seam.hmacSha256Base64(key, RFC4231_CASE_2.data)).toBe(hexToBase64(RFC4231_CASE_2.hex))
    })

    it('hashes UTF-8 text the same way for non-ASCII input', async () => {
      const ascii = await seam.hmacSha256Hex('k', 'Ghana ₵ data')
      expect(ascii).toMatch(/^[0-9a-f]{64}$/)
      expect(await seam.hmacSha256Hex('k', new TextEncoder().encode('Ghana ₵ data'))).toBe(ascii)
    })

    it('computes SHA-512 per FIPS 180', async () => {
      expect(await seam.sha512Hex('abc')).toBe(SHA512_ABC)
      expect(await seam.sha512Hex('')).toBe(SHA512_EMPTY)
    })

    it('keys a second HMAC with a different secret differently (no key cache mix-up)', async () => {
      const a = await seam.hmacSha256Hex('secret-a', 'body')
      const b = await seam.hmacSha256Hex('secret-b', 'body')
      expect(a).not.toBe(b)
      expect(await seam.hmacSha256Hex('secret-a', 'body')).toBe(a)
    })

    it.each([
      ['equal strings', 'abcdef0123', 'abcdef0123', true],
      ['one character differs', 'abcdef0123', 'abcdef0124', false],
      ['first character differs', 'xbcdef0123', 'abcdef0123', false],
      ['prefix (shorter)', 'abcdef', 'abcdef0123', false],
      ['longer', 'abcdef0123ff', 'abcdef0123', false],
      ['empty vs non-empty', '', 'a', false],
      ['both empty', '', '', true],
      ['non-ASCII equal', 'ñandú', 'ñandú', true],
      ['non-ASCII differs', 'ñandú', 'ñandu', false],
    ])('timingSafeEqual: %s', (_label, a, b, equal) => {
      expect(seam.timingSafeEqual(a, b)).toBe(equal)
      expect(seam.timingSafeEqual(b, a)).toBe(equal)
    })
  })
}
