import { createHash, createHmac, timingSafeEqual as nodeTimingSafeEqual } from 'node:crypto'
import type { CryptoSeam } from './types.js'

export const nodeCrypto: CryptoSeam = {
  hmacSha256Hex: (key, data) => Promise.resolve(createHmac('sha256', key).update(data).digest('hex')),
  hmacSha256Base64: (key, data) => Promise.resolve(createHmac('sha256', key).update(data).digest('base64')),
  sha512Hex: (data) => Promise.resolve(createHash('sha512').update(data).digest('hex')),
  timingSafeEqual(a, b) {
    const left = Buffer.from(a)
    const right = Buffer.from(b)
    return left.length === right.length && nodeTimingSafeEqual(left, right)
  },
}

/** The name runtime.ts re-exports; web.ts exports the same name, so the web build can swap the module. */
export const cryptoSeam = nodeCrypto

/** Which build this copy of payhooks is (web.ts exports `'web'`): the runtime matrix reads it through payhooks/testing. */
export const cryptoBuild: 'node' | 'web' = 'node'
