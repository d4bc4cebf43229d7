import type { AnyWebhookAdapter, VerifyResult } from '../../core/adapter.js'
import type { WebhookRequest } from '../../core/request.js'
import { isWebhookError } from '../../core/webhook-error.js'

/**
 * Verifies with an adapter built from `secret`. A factory that refuses the secret (whitespace, a browser
 * Client Key) is a failed verification here: that refusal is what the user needs to see.
 */
export async function verifyWith(createAdapter: (secrets: readonly string[]) => AnyWebhookAdapter, request: WebhookRequest, secret: string): Promise<VerifyResult> {
  let adapter: AnyWebhookAdapter
  try {
    adapter = createAdapter([secret])
  } catch (error) {
    if (isWebhookError(error)) return { ok: false, error }
    throw error
  }
  return adapter.verifySignature(request)
}
