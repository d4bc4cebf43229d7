import type { ProviderName } from '../core/event.js'
import { WebhookError } from '../core/webhook-error.js'
import { testKits } from '../providers/test-kits.js'
import type { SamplePayload, SignedWebhook, SignOptions } from '../core/test-kit.js'

/**
 * Signs `payload` the way `provider` does and returns what to send: `{ body, headers, url }`.
 * For token-based providers (AzamPay, Refract) the token travels in `url`.
 */
export function signWebhook(provider: ProviderName, payload: SamplePayload, options: SignOptions): Promise<SignedWebhook> {
  const kit = testKits[provider]
  if (kit === undefined) {
    throw new WebhookError('PROVIDER_UNKNOWN', `No provider named ${JSON.stringify(provider)}.`, {
      hint: `Use one of: ${Object.keys(testKits).join(', ')}.`,
    })
  }
  return kit.sign(payload, options)
}
