import type { VerifyResult } from '../../core/adapter.js'
import { readLastPathSegment, readQueryParam, type WebhookRequest } from '../../core/request.js'
import { matchAnyToken } from '../../core/secrets.js'
import { WebhookError } from '../../core/webhook-error.js'

export const REFRACT_TOKEN_QUERY_PARAM = 'token'
/** The route's own name: a URL ending in it carries no token in its path. */
const ROUTE_SEGMENT = 'refract'

const TOKEN_MISSING_HINT =
  'Discord-format webhooks are unsigned, so the only secret is a token in the URL. Give Refract the webhook URL ' +
  'https://your.host/webhooks/refract/<token> (or …/webhooks/refract?token=<token>) and pass payhooks the request ' +
  'URL with its path and query (req.url; Express: req.originalUrl). Without it payhooks cannot see the token.'

const TOKEN_MISMATCH_HINT =
  "The URL's token (its last path segment, or ?token=) does not equal the configured token. Check the webhook URL " +
  'saved in Refract, that the token is URL-encoded there, and that a mount path or rewrite does not change the last ' +
  'segment. While changing it, pass both: token: [newToken, oldToken].'

function refuse(code: 'SIGNATURE_MISSING' | 'SIGNATURE_MISMATCH', message: string, hint: string): VerifyResult {
  return { ok: false, error: new WebhookError(code, message, { provider: 'refract', hint }) }
}

/**
 * The path's last segment when it can be a token (Discord's own shape, `/webhooks/{id}/{token}`). The
 * delivery log hides the same segment: redactUrl asks locateLastPathSegment with the provider's name,
 * which is this route segment.
 */
function pathToken(req: WebhookRequest): string | undefined {
  return readLastPathSegment(req, ROUTE_SEGMENT)
}

/**
 * Refract posts Discord-format webhooks, which carry no signature or auth header (providers.md §5.2–5.3):
 * the secret is a token in the URL, its last path segment or `?token=`, compared in constant time
 * against every configured token. The body is never read. The query is parsed only when the path does
 * not already carry a matching token.
 */
export async function verifyRefractToken(req: WebhookRequest, tokens: readonly string[]): Promise<VerifyResult> {
  const inPath = pathToken(req)
  if (inPath !== undefined && matchAnyToken(tokens, inPath) >= 0) return { ok: true, method: 'url-token' }
  const inQuery = readQueryParam(req, REFRACT_TOKEN_QUERY_PARAM)
  if (inQuery && matchAnyToken(tokens, inQuery) >= 0) return { ok: true, method: 'url-token' }
  if (inPath === undefined && !inQuery) {
    const message =
      req.url === undefined || req.url === ''
        ? 'The request has no URL, so the Refract token cannot be read.'
        : 'The Refract webhook URL carries no token: its path ends in /refract and there is no ?token=.'
    return refuse('SIGNATURE_MISSING', message, TOKEN_MISSING_HINT)
  }
  return refuse('SIGNATURE_MISMATCH', 'The token in the Refract webhook URL does not match the configured token.', TOKEN_MISMATCH_HINT)
}
