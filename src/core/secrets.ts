import type { ProviderName } from './event.js'
import { WebhookError } from './webhook-error.js'
import { cryptoSeam } from './crypto/runtime.js'

/**
 * Normalizes a secret option (one value or a rotation list) and refuses the mistakes that otherwise
 * show up later as a baffling SIGNATURE_MISMATCH: empty values and stray whitespace from .env files.
 */
export function readSecretOption(
  value: string | readonly string[] | undefined,
  option: string,
  provider: ProviderName,
): string[] {
  if (value === undefined) return []
  const list = typeof value === 'string' ? [value] : [...value]
  list.forEach((secret, index) => {
    const where = list.length > 1 ? `${option}[${index}]` : option
    if (typeof secret !== 'string' || secret === '') {
      throw new WebhookError('SECRET_INVALID', `${provider}: ${where} is empty.`, {
        provider,
        hint: `Set ${option} from your ${provider} dashboard; an unset environment variable is the usual cause.`,
      })
    }
    if (secret.trim() !== secret) {
      throw new WebhookError('SECRET_INVALID', `${provider}: ${where} has leading or trailing whitespace.`, {
        provider,
        hint: 'Your secret has whitespace around it (often a newline from a .env file or a copy-paste); trim it.',
      })
    }
  })
  return list
}

/** The `scrub` of SensitiveParts for these secrets (see there); identity when there are none. */
export function secretScrubber(secrets: readonly string[], replacement: string): ((text: string) => string) | undefined {
  const forms = [...new Set(secrets.flatMap((secret) => [secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)]))]
    // Longest first, so a form that contains another is replaced whole.
    .sort((a, b) => b.length - a.length)
  if (forms.length === 0) return undefined
  const replaceForms = (text: string) => {
    let out = text
    for (const form of forms) if (out.includes(form)) out = out.replaceAll(form, replacement)
    return out
  }
  return (text) => {
    const out = replaceForms(text)
    if (!out.includes('%')) return out
    // A secret percent-encoded in other ways (every character as %XX, mixed case) is found by decoding
    // each URL-ish piece: verification decodes path segments, so the log must too.
    return out.replace(/[^/?&=#\s"',;]*%[^/?&=#\s"',;]*/g, (piece) => {
      let decoded: string
      try {
        decoded = decodeURIComponent(piece)
      } catch {
        return piece
      }
      return replaceForms(decoded) === decoded ? piece : replacement
    })
  }
}

export function secretMissing(provider: ProviderName, options: string, allowNone: boolean): WebhookError {
  return new WebhookError('SECRET_MISSING', `${provider}: no verification secret was given (${options}).`, {
    provider,
    hint: allowNone
      ? `Pass ${options}, or say verification: 'none' explicitly if you protect this URL some other way.`
      : `Pass ${options}: payhooks never accepts ${provider} webhooks without checking them.`,
  })
}

/**
 * Compares `given` with the expected value for each secret in turn (rotation), constant-time per
 * comparison. Returns the index of the secret that matched, or -1.
 */
export async function matchAnySecret(
  secrets: readonly string[],
  given: string,
  expected: (secret: string) => Promise<string>,
): Promise<number> {
  for (let i = 0; i < secrets.length; i++) {
    if (cryptoSeam.timingSafeEqual(await expected(secrets[i] as string), given)) return i
  }
  return -1
}

/** matchAnySecret for digests computed synchronously (the seam's `sync` digests). */
function matchAnySecretNow(secrets: readonly string[], given: string, expected: (secret: string) => string): number {
  for (let i = 0; i < secrets.length; i++) {
    if (cryptoSeam.timingSafeEqual(expected(secrets[i] as string), given)) return i
  }
  return -1
}

/**
 * matchAnySecret against the hex HMAC-SHA256 of `data` under each secret. A number, not a promise, where
 * the seam is synchronous (the Node build): callers take it as it is rather than awaiting it, which
 * saves the async helper, the awaited digest and their microtasks: ~0.03× of the floor (100–150 ns) per
 * DataMart delivery, measured with bench/adapters.mjs' pipeline.
 */
export function matchAnyHmacSha256Hex(secrets: readonly string[], given: string, data: string | Uint8Array): number | Promise<number> {
  const now = cryptoSeam.sync
  if (now !== undefined) return matchAnySecretNow(secrets, given, (secret) => now.hmacSha256Hex(secret, data))
  return matchAnySecret(secrets, given, (secret) => cryptoSeam.hmacSha256Hex(secret, data))
}

/** matchAnySecret against the hex SHA-512 of `prefix + secret` (Midtrans); a number where the seam is synchronous. */
export function matchAnySha512Hex(secrets: readonly string[], given: string, prefix: string): number | Promise<number> {
  const now = cryptoSeam.sync
  if (now !== undefined) return matchAnySecretNow(secrets, given, (secret) => now.sha512Hex(prefix + secret))
  return matchAnySecret(secrets, given, (secret) => cryptoSeam.sha512Hex(prefix + secret))
}

/** Plain shared-token comparison (AzamPay, Refract): constant-time against each configured token. */
export function matchAnyToken(secrets: readonly string[], given: string): number {
  for (let i = 0; i < secrets.length; i++) {
    if (cryptoSeam.timingSafeEqual(secrets[i] as string, given)) return i
  }
  return -1
}

/**
 * Reads `verification` for providers with no signature scheme (AzamPay, Refract): true when
 * `'none'` was said out loud. Any other value, or `'none'` next to a configured secret, is a
 * configuration mistake. The value is never echoed: a misplaced token could be in it.
 */
export function readVerificationNone(verification: unknown, hasSecret: boolean, provider: ProviderName, secretOptions: string): boolean {
  if (verification === undefined) return false
  if (verification !== 'none') {
    throw new WebhookError('SECRET_INVALID', `${provider}: verification must be 'none' or left out.`, {
      provider,
      hint: `${provider} has no signature scheme to choose from: configure ${secretOptions}, or pass verification: 'none'.`,
    })
  }
  if (hasSecret) {
    throw new WebhookError('SECRET_INVALID', `${provider}: verification: 'none' was given together with ${secretOptions}.`, {
      provider,
      hint: `Pick one: drop verification: 'none' to check ${secretOptions}, or drop the secret to accept deliveries unchecked.`,
    })
  }
  return true
}
