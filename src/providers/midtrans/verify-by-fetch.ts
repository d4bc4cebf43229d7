import { unknownEvent } from '../../core/build-event.js'
import { isStatusApiError } from '../../core/status-api.js'
import { WebhookError } from '../../core/webhook-error.js'
import { midtransEventFields, type MidtransEvent } from './midtrans-event.js'
import type { MidtransPayload } from './schema.js'
import { isDotSegment, type MidtransStatusClient } from './status-client.js'

/**
 * `verification: 'signature+status'`: the (signature-checked) notification only names the order; the
 * event is what GET status reports for it, built as the webhook would build it (same id). The check
 * the official SDK's `notification()` makes, with the signature checked as well.
 */
export async function verifyByFetch(client: MidtransStatusClient, notification: MidtransPayload): Promise<MidtransEvent> {
  // By order_id, as the reconciler asks: the order's latest transaction is its truth.
  const { order_id: orderId, transaction_id: transactionId } = notification
  const id = isDotSegment(orderId) && transactionId !== undefined ? transactionId : orderId
  let result
  try {
    result = await client.fetchEvent(id)
  } catch (error) {
    const why = isStatusApiError(error) ? `${error.message} (${error.code}). ${error.hint}` : 'The status request failed unexpectedly.'
    throw new WebhookError('PROVIDER_UNAVAILABLE', 'The Midtrans notification could not be confirmed with GET status; Midtrans should retry.', {
      provider: 'midtrans',
      hint: `verification: 'signature+status' confirms each notification with Midtrans before applying it. ${why} Nothing was applied; Midtrans retries a 503 four times.`,
      cause: error,
    })
  }
  // The Dashboard's "test notification" names a transaction that does not exist (providers.md
  // §1.8.3): acknowledged, changes nothing, rather than an error that Midtrans retries.
  if (!result.found) return unknownEvent(midtransEventFields(notification))
  return result.event
}
