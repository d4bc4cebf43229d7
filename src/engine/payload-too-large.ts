import type { ProviderName } from '../core/event.js'
import { WebhookError } from '../core/webhook-error.js'

/** The refusal for a body over `hooks.maxBodyBytes`, raised by the glue because only it can stop reading. */
export function payloadTooLarge(maxBodyBytes: number, provider: ProviderName | undefined): WebhookError {
  return new WebhookError('PAYLOAD_TOO_LARGE', `The body is larger than ${maxBodyBytes} bytes.`, {
    provider,
    hint: 'Raise maxBodyBytes in createPayhooks() if this provider really sends such bodies.',
  })
}
