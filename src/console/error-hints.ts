/**
 * What an operator should do about a rejected delivery, by code. The delivery log keeps only the code
 * (the hint the provider was answered with may have named the request), so the console says it again.
 */
const HINTS: Readonly<Record<string, string>> = {
  SIGNATURE_MISSING: 'No signature or token came with it: not sent by the provider, or a proxy stripped it.',
  SIGNATURE_MISMATCH: 'The signature or token is wrong: a forgery, or this server has the other secret (sandbox vs production).',
  PAYLOAD_INVALID_JSON: 'The body is not JSON: not from the provider, or changed on the way.',
  PAYLOAD_INVALID: 'The body is not the documented shape: compare it with the provider documentation.',
  PAYLOAD_NOT_RAW: 'A body parser read the request before payhooks: mount the webhooks before express.json().',
  PAYLOAD_TOO_LARGE: 'Larger than maxBodyBytes.',
  METHOD_NOT_ALLOWED: 'Not a POST: a browser visit or a health check hit the webhook URL.',
  PROVIDER_UNKNOWN: 'Routed to no registered provider: check the URL the provider posts to.',
  STORE_UNAVAILABLE: 'The database could not be reached; the provider retries, or replay it here.',
  PROVIDER_UNAVAILABLE: 'The provider API needed to check it could not be reached; the provider retries.',
  STATUS_API_TIMEOUT: 'The status API did not answer in time; checked again later.',
  STATUS_API_UNAUTHORIZED: 'The status API refused the credentials (wrong key or environment).',
  STATUS_API_RATE_LIMITED: 'The status API is rate limiting; waited out and retried.',
  STATUS_API_UNAVAILABLE: 'The status API could not be reached; checked again later.',
  STATUS_API_INVALID_RESPONSE: 'The status API answered something undocumented.',
  STATUS_API_ERROR: 'The status API refused the request.',
}

export function errorHint(code: string | null): string | null {
  return code === null ? null : (HINTS[code] ?? null)
}
