import { jsonResponse, type WebhookAdapter } from '../../core/adapter.js'
import { readJsonBody, type WebhookRequest } from '../../core/request.js'
import { readSecretOption, secretMissing } from '../../core/secrets.js'
import type { StatusSupport } from '../../core/status-api.js'
import { validatePayload } from '../../core/validate-payload.js'
import { WebhookError } from '../../core/webhook-error.js'
import { midtransEvent, type MidtransEvent } from './midtrans-event.js'
import { midtransPayloadSchema, type MidtransPayload } from './schema.js'
import { statusCodeForgery, verifyMidtransSignature } from './signature.js'
import { createMidtransStatusClient, type MidtransStatusApiOptions, type MidtransStatusClient } from './status-client.js'
import { MIDTRANS_TRANSITION_EXCEPTIONS } from './status-table.js'
import { verifyByFetch } from './verify-by-fetch.js'

/**
 * How a notification is trusted:
 * - `'signature'` (default): its signature_key, and a status_code that agrees with its status.
 * - `'signature+status'`: the same, then the notification is only a hint: the event is what GET status
 *   answers for its order_id (the check the official SDK's `notification()` makes). Needs `statusApi`.
 */
export type MidtransVerification = 'signature' | 'signature+status'

export interface MidtransOptions {
  /** The Server Key (Dashboard → Settings → Access Keys) of the environment that sends; a list during rotation. */
  serverKey: string | readonly string[]
  /**
   * Enables GET status (reconcile, verify-by-fetch) with the first serverKey. The base URL follows the
   * key (SB-Mid-server- → sandbox) unless `baseUrl` is given.
   */
  statusApi?: MidtransStatusApiOptions | undefined
  verification?: MidtransVerification | undefined
}

export type MidtransAdapter = WebhookAdapter<'midtrans', typeof midtransPayloadSchema>

const CLIENT_KEY = /^(?:SB-)?Mid-client-/

function refuseClientKeys(keys: readonly string[]): void {
  keys.forEach((key, index) => {
    if (!CLIENT_KEY.test(key)) return
    const where = keys.length > 1 ? `serverKey[${index}]` : 'serverKey'
    throw new WebhookError('SECRET_INVALID', `midtrans: ${where} is a Client Key, not a Server Key.`, {
      provider: 'midtrans',
      hint:
        'Keys starting Mid-client- or SB-Mid-client- are Client Keys (for the browser). Notifications are signed ' +
        'with the Server Key (Mid-server- / SB-Mid-server-) under Dashboard → Settings → Access Keys.',
    })
  })
}

function readVerification(options: MidtransOptions): MidtransVerification {
  const verification = options.verification ?? 'signature'
  if (verification !== 'signature' && verification !== 'signature+status') {
    throw new WebhookError('SECRET_INVALID', "midtrans: verification must be 'signature' or 'signature+status'.", {
      provider: 'midtrans',
      hint: "Leave verification out to check signature_key, or pass 'signature+status' (with statusApi) to also confirm every notification with GET status.",
    })
  }
  if (verification === 'signature+status' && options.statusApi === undefined) {
    throw new WebhookError('SECRET_INVALID', "midtrans: verification 'signature+status' needs the statusApi option.", {
      provider: 'midtrans',
      hint: "Pass statusApi: {} (or { baseUrl, fetch, timeoutMs }) next to verification: 'signature+status': it confirms each notification with GET /v2/{order_id}/status.",
    })
  }
  return verification
}

/** The notification's own event; a status its signed status_code was never sent with is refused. */
function notificationEvent(payload: MidtransPayload): MidtransEvent {
  const result = midtransEvent(payload)
  if (!result.ok) throw statusCodeForgery(result.forgery)
  return result.event
}

function readPayload(req: WebhookRequest): MidtransPayload {
  return validatePayload(midtransPayloadSchema, readJsonBody(req, 'midtrans'), 'midtrans')
}

/** Midtrans (Indonesia): HTTP payment notifications signed by `signature_key` in the body. */
export function midtrans(options: MidtransOptions): MidtransAdapter {
  const serverKeys = readSecretOption(options?.serverKey, 'serverKey', 'midtrans')
  if (serverKeys.length === 0) throw secretMissing('midtrans', 'serverKey', false)
  refuseClientKeys(serverKeys)
  const verification = readVerification(options)
  const client: MidtransStatusClient | undefined =
    options.statusApi === undefined ? undefined : createMidtransStatusClient(serverKeys[0] as string, options.statusApi)
  const statusApi: StatusSupport =
    client === undefined
      ? { supported: false, reason: 'statusApi is not configured: pass midtrans({ serverKey, statusApi: {} }).' }
      : { supported: true, client }

  return {
    name: 'midtrans',
    schema: midtransPayloadSchema,
    statusApi,
    transitionExceptions: MIDTRANS_TRANSITION_EXCEPTIONS,
    sensitive: { bodyFields: ['signature_key'], headers: [], queryParams: [], pathToken: false },
    verifySignature: (req) => verifyMidtransSignature(req, serverKeys),
    async parse(req: WebhookRequest) {
      const payload = readPayload(req)
      return verification === 'signature+status' && client !== undefined ? verifyByFetch(client, payload) : notificationEvent(payload)
    },
    // The notification as sent, without asking the status API: a forged request must not make us call Midtrans.
    peek: async (req: WebhookRequest) => notificationEvent(readPayload(req)),
    ack: () => jsonResponse(200, { received: true }),
  }
}
