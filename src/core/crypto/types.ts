/**
 * The only cryptography payhooks needs. Two implementations pass the same contract suite:
 * node:crypto (chosen by the `node` export condition) and WebCrypto (every other runtime).
 */
export interface CryptoSeam {
  /** Lower-case hex HMAC-SHA256 of `data` (raw bytes hashed as given, strings as UTF-8). */
  hmacSha256Hex(key: string, data: string | Uint8Array): Promise<string>
  /** Base64 HMAC-SHA256 with a binary key (Standard Webhooks signatures). */
  hmacSha256Base64(key: Uint8Array, data: string): Promise<string>
  /** Lower-case hex SHA-512 of the UTF-8 string. */
  sha512Hex(data: string): Promise<string>
  /** Constant-time for equal lengths; unequal lengths are unequal. Both builds use timing-safe-equal.ts (a JS loop over UTF-16 code units). */
  timingSafeEqual(a: string, b: string): boolean
  /**
   * The same digests without the promise, where the implementation is synchronous underneath
   * (node:crypto; WebCrypto has none). Verification uses them when present: each awaited digest and each
   * async helper around it costs a promise and a microtask per delivery.
   */
  readonly sync?: SyncDigests | undefined
}

export interface SyncDigests {
  hmacSha256Hex(key: string, data: string | Uint8Array): string
  sha512Hex(data: string): string
}
