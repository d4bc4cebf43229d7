/** Everything the page loads comes from this package on this origin; nothing inline, nothing framed. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ')

/** Sent with every console response, errors included. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  // Operator data (references, amounts) must not linger in shared caches or the back/forward cache.
  'cache-control': 'no-store',
}

export function respond(status: number, body: BodyInit | null, headers: Record<string, string> = {}): Response {
  const out = new Headers(SECURITY_HEADERS)
  for (const [name, value] of Object.entries(headers)) out.set(name, value)
  return new Response(body, { status, headers: out })
}

export function json(status: number, value: unknown, headers: Record<string, string> = {}): Response {
  return respond(status, JSON.stringify(value), { 'content-type': 'application/json; charset=utf-8', ...headers })
}

export function jsonError(status: number, code: string, message: string): Response {
  return json(status, { error: { code, message } })
}
