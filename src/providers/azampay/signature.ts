import type { VerifyResult } from '../../core/adapter.js'
import { readHeader, readJsonBody, readQueryParam, type WebhookRequest } from '../../core/request.js'
import { matchAnyToken, secretMissing } from '../../core/secrets.js'
import { WebhookError } from '../../core/webhook-error.js'

export const AZAMPAY_TOKEN_QUERY_PARAM = 'token'
export const AZAMPAY_TOKEN_HEADER = 'x-callback-token'
export const AZAMPAY_PASSWORD_FIELD = 'password'

export interface AzampaySecrets {
  /** Accepted callback tokens (rotation order); empty when not checked. */
  callbackTokens: readonly string[]
  /** Accepted body `password` values (rotation order); empty when not checked. */
  passwords: readonly string[]
}

function refuse(code: 'SIGNATURE_MISSING' | 'SIGNATURE_MISMATCH', message: string, hint: string): VerifyResult {
  return { ok: false, error: new WebhookError(code, message, { provider: 'azampay', hint }) }
}

const TOKEN_MISSING_HINT =
  'AzamPay does not sign callbacks, so payhooks checks a token you put in the callback URL. Register the callback ' +
  'URL with AzamPay as https://<your host>/<your path>?token=<your token> (sandbox: in the portal app registration; ' +
  'production: through AzamPay customer care), and pass payhooks the request URL with its query string ' +
  '(Express: req.originalUrl), or have a proxy forward the token as X-Callback-Token.'

const TOKEN_MISMATCH_HINT =
  'Check that the token in the callback URL registered with AzamPay equals callbackToken, URL-encoded if it contains ' +
  "characters such as '+', '&' or '=' (an unencoded '+' arrives as a space). While changing it, pass both: " +
  'callbackToken: [newToken, oldToken].'

const PASSWORD_MISSING_HINT =
  "AzamPay's spec lists a callback password, but real sandbox callbacks (Jan 2026) carried password: null and nothing " +
  'documents when it is filled. Unless AzamPay confirmed a callback password for your app, verify with callbackToken ' +
  '(a token in the callback URL) instead.'

const PASSWORD_MISMATCH_HINT =
  'Check that password equals the callback password AzamPay holds for this app in the environment that sends ' +
  '(sandbox or production). While changing it, pass both: password: [newPassword, oldPassword].'

/** The token from `?token=` or, when the URL has none, from the X-Callback-Token header. */
function readCallbackToken(req: WebhookRequest): string | undefined {
  const token = readQueryParam(req, AZAMPAY_TOKEN_QUERY_PARAM) || readHeader(req.headers, AZAMPAY_TOKEN_HEADER)
  return token === '' ? undefined : token
}

function readBodyPassword(json: unknown): string | undefined {
  const value = typeof json === 'object' && json !== null ? (json as Record<string, unknown>)[AZAMPAY_PASSWORD_FIELD] : undefined
  return typeof value === 'string' && value !== '' ? value : undefined
}

/**
 * AzamPay has no cryptographic callback scheme (providers.md §2.2). What can be checked is a shared
 * token (in the callback URL's query or an X-Callback-Token header) and/or the body `password` field,
 * each compared in constant time; when both are configured both must match. The body is read only
 * when a password is configured.
 */
export async function verifyAzampaySignature(req: WebhookRequest, { callbackTokens, passwords }: AzampaySecrets): Promise<VerifyResult> {
  if (callbackTokens.length === 0 && passwords.length === 0) {
    return { ok: false, error: secretMissing('azampay', 'callbackToken and/or password', true) }
  }
  try {
    if (callbackTokens.length > 0) {
      const token = readCallbackToken(req)
      if (token === undefined) {
        return refuse('SIGNATURE_MISSING', 'The AzamPay callback carries no token: no `token` query parameter and no X-Callback-Token header.', TOKEN_MISSING_HINT)
      }
      if (matchAnyToken(callbackTokens, token) < 0) {
        return refuse('SIGNATURE_MISMATCH', 'The AzamPay callback token does not match callbackToken.', TOKEN_MISMATCH_HINT)
      }
      if (passwords.length === 0) return { ok: true, method: 'token' }
    }
    const password = readBodyPassword(readJsonBody(req, 'azampay'))
    if (password === undefined) {
      return refuse('SIGNATURE_MISSING', 'The AzamPay callback body has no `password` (null or absent).', PASSWORD_MISSING_HINT)
    }
    if (matchAnyToken(passwords, password) < 0) {
      return refuse('SIGNATURE_MISMATCH', 'The AzamPay callback `password` does not match the configured password.', PASSWORD_MISMATCH_HINT)
    }
    return { ok: true, method: callbackTokens.length > 0 ? 'token+password' : 'password' }
  } catch (error) {
    return { ok: false, error: error as WebhookError }
  }
}
