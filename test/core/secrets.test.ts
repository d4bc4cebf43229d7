import { describe, expect, it } from 'vitest'
import { webCrypto } from '../../src/core/crypto/web.js'
import { matchAnyHmacSha256Hex, matchAnySecret, matchAnySha512Hex } from '../../src/core/secrets.js'

const SECRETS = ['old-secret', 'new-secret']
const BODY = '{"event":"order.completed","data":{"orderId":"ord_1"}}'

describe('matchAnyHmacSha256Hex and matchAnySha512Hex (synchronous where the seam is)', () => {
  it('answer with a number, not a promise, in the Node build', () => {
    expect(typeof matchAnyHmacSha256Hex(SECRETS, 'x', BODY)).toBe('number')
    expect(typeof matchAnySha512Hex(SECRETS, 'x', 'prefix')).toBe('number')
  })

  it('find the same secret as matchAnySecret over the async WebCrypto digests, for every secret and for none', async () => {
    for (const secret of [...SECRETS, 'unknown-secret']) {
      const hmac = await webCrypto.hmacSha256Hex(secret, BODY)
      const slowHmac = await matchAnySecret(SECRETS, hmac, (s) => webCrypto.hmacSha256Hex(s, BODY))
      expect(matchAnyHmacSha256Hex(SECRETS, hmac, BODY)).toBe(slowHmac)
      expect(matchAnyHmacSha256Hex(SECRETS, hmac, new TextEncoder().encode(BODY))).toBe(slowHmac)

      const sha = await webCrypto.sha512Hex(`ord_1200100.00${secret}`)
      const slowSha = await matchAnySecret(SECRETS, sha, (s) => webCrypto.sha512Hex(`ord_1200100.00${s}`))
      expect(matchAnySha512Hex(SECRETS, sha, 'ord_1200100.00')).toBe(slowSha)
    }
    expect(matchAnyHmacSha256Hex(SECRETS, await webCrypto.hmacSha256Hex('new-secret', BODY), BODY)).toBe(1)
    expect(matchAnyHmacSha256Hex(SECRETS, await webCrypto.hmacSha256Hex('unknown-secret', BODY), BODY)).toBe(-1)
  })
})
