import type { VerifyResult } from '../../core/adapter.js'
import { readBodyText, readHeader, readJsonBody, type WebhookRequest } from '../../core/request.js'
import { matchAnyHmacSha256Hex } from '../../core/secrets.js'
import { WebhookError } from '../../core/webhook-error.js'

export const DATAMART_SIGNATURE_HEADER = 'x-datamart-signature'
/** Some senders prefix the hex digest as GitHub does. */
const SHA256_PREFIX = 'sha256='

/**
 * `X-DataMart-Signature` is lower-case hex HMAC-SHA256 keyed with the webhook secret. DataMart's sample
 * signs `JSON.stringify(req.body)`; when it sends that same string, the raw body is the signed text. The
 * re-serialized body is tried only when it differs from the raw one.
 */
export async function verifyDatamartSignature(req: WebhookRequest, secrets: readonly string[]): Promise<VerifyResult> {
  let given: string | undefined
  let text: string
  try {
    given = readHeader(req.headers, DATAMART_SIGNATURE_HEADER)
    text = readBodyText(req, 'datamart')
  } catch (error) {
    return { ok: false, error: error as WebhookError }
  }
  if (given === undefined || given.trim() === '') {
    return {
      ok: false,
      error: new WebhookError('SIGNATURE_MISSING', 'The X-DataMart-Signature header is missing.', {
        provider: 'datamart',
        hint: 'DataMart signs every webhook with X-DataMart-Signature. Check that a proxy does not strip it and that the request really comes from DataMart.',
      }),
    }
  }
  const lowerCase = given.trim().toLowerCase()
  const signature = lowerCase.startsWith(SHA256_PREFIX) ? lowerCase.slice(SHA256_PREFIX.length) : lowerCase
  // A number in the Node build: not awaited, so no microtask (see matchAnyHmacSha256Hex).
  const found = matchAnyHmacSha256Hex(secrets, signature, req.body)
  if ((typeof found === 'number' ? found : await found) >= 0) {
    return { ok: true, method: 'hmac-sha256' }
  }
  const restringified = restringify(req)
  if (
    restringified !== undefined &&
    restringified !== text &&
    (await matchAnyHmacSha256Hex(secrets, signature, restringified)) >= 0
  ) {
    return { ok: true, method: 'hmac-sha256-restringified' }
  }
  return {
    ok: false,
    error: new WebhookError('SIGNATURE_MISMATCH', 'X-DataMart-Signature does not match the body.', {
      provider: 'datamart',
      hint:
        'Are you passing the raw body? Check that webhookSecret is the secret DataMart showed when you saved the webhook: it is shown once and changes when the webhook is reconfigured.',
    }),
  }
}

/**
 * The body as DataMart's `JSON.stringify(req.body)` writes it, or undefined when it is not JSON or nests
 * deeper than core's bound (JSON.stringify recurses, so it is never handed such a body). Parsed through
 * readJsonBody, so parse() reuses the result.
 */
function restringify(req: WebhookRequest): string | undefined {
  try {
    return JSON.stringify(readJsonBody(req, 'datamart'))
  } catch {
    return undefined
  }
}
