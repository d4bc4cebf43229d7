import { cryptoSeam } from '../core/crypto/runtime.js'

/**
 * A signed-in browser holds `<issuedAt>.<HMAC(token, issuedAt)>`, never the token itself: stateless,
 * so every instance sharing the token accepts it, and changing the token signs everyone out.
 */
const SESSION_LABEL = 'payhooks-console-session:'

export async function issueSession(token: string, now: number): Promise<string> {
  return `${now}.${await cryptoSeam.hmacSha256Hex(token, SESSION_LABEL + now)}`
}

export async function isValidSession(token: string, value: string | undefined, now: number, sessionMs: number): Promise<boolean> {
  if (value === undefined) return false
  const dot = value.indexOf('.')
  const issuedAt = Number(value.slice(0, dot))
  if (dot <= 0 || !Number.isSafeInteger(issuedAt) || issuedAt > now || now - issuedAt > sessionMs) return false
  const expected = await cryptoSeam.hmacSha256Hex(token, SESSION_LABEL + issuedAt)
  return cryptoSeam.timingSafeEqual(value.slice(dot + 1), expected)
}

/** 32 random bytes as hex: the double-submit CSRF token. */
export function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32))
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}
