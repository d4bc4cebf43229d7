/**
 * The HMAC key of a Standard Webhooks secret: base64 after an optional `whsec_` prefix. Errors never
 * echo the secret, because they end up in logs.
 */
export function decodeSigningSecret(secret: unknown, where: string): Uint8Array {
  if (typeof secret !== 'string' || secret.trim() === '') {
    throw new TypeError(`${where}: secret is missing. Pass the Standard Webhooks signing secret (whsec_ followed by base64).`)
  }
  const encoded = secret.trim().replace(/^whsec_/, '')
  let binary: string
  try {
    binary = atob(encoded)
  } catch {
    throw new TypeError(`${where}: secret is not valid base64 (after the optional whsec_ prefix).`)
  }
  if (binary.length === 0) throw new TypeError(`${where}: secret decodes to no bytes; it needs at least one.`)
  return Uint8Array.from(binary, (char) => char.charCodeAt(0))
}
