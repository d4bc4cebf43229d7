import { timingSafeEqualText } from './timing-safe-equal.js'
import type { CryptoSeam } from './types.js'

const encoder = new TextEncoder()
// Importing a key costs more than the HMAC itself; secrets are few and long-lived, so keep them.
const hmacKeys = new Map<string, Promise<CryptoKey>>()

function importHmacKey(bytes: Uint8Array): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', new Uint8Array(bytes), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
}

function hmacKey(secret: string): Promise<CryptoKey> {
  let key = hmacKeys.get(secret)
  if (key === undefined) {
    key = importHmacKey(encoder.encode(secret))
    hmacKeys.set(secret, key)
  }
  return key
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))

function toHex(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer)
  let out = ''
  for (let i = 0; i < bytes.length; i++) out += HEX[bytes[i] as number]
  return out
}

function toBytes(data: string | Uint8Array): Uint8Array<ArrayBuffer> {
  return typeof data === 'string' ? encoder.encode(data) : new Uint8Array(data)
}

export const webCrypto: CryptoSeam = {
  async hmacSha256Hex(key, data) {
    return toHex(await crypto.subtle.sign('HMAC', await hmacKey(key), toBytes(data)))
  },
  async hmacSha256Base64(key, data) {
    const signature = new Uint8Array(await crypto.subtle.sign('HMAC', await importHmacKey(key), encoder.encode(data)))
    let binary = ''
    for (let i = 0; i < signature.length; i++) binary += String.fromCharCode(signature[i] as number)
    return btoa(binary)
  },
  async sha512Hex(data) {
    return toHex(await crypto.subtle.digest('SHA-512', encoder.encode(data)))
  },
  timingSafeEqual: timingSafeEqualText,
}

/** The name runtime.ts re-exports (see node.ts). */
export const cryptoSeam = webCrypto

/** See node.ts. */
export const cryptoBuild: 'node' | 'web' = 'web'
