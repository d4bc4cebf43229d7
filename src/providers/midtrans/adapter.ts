import { jsonResponse, type WebhookAdapter } from '../../core/adapter.js'
import { statusEvent, unknownEvent, type EventFields } from '../../core/build-event.js'
import type { Money } from '../../core/event.js'
import { toMoney } from '../../core/money.js'
import { readJsonBody } from '../../core/request.js'
import { readSecretOption, secretMissing } from '../../core/secrets.js'
import { validatePayload } from '../../core/validate-payload.js'
import { WebhookError } from '../../core/webhook-error.js'
import { midtransPayloadSchema, type MidtransPayload } from './schema.js'
import { verifyMidtransSignature } from './signature.js'
import { MIDTRANS_TRANSITION_EXCEPTIONS, midtransProviderStatus, midtransStatus } from './status-table.js'

export interface MidtransOptions {
  /** The Server Key (Dashboard → Settings → Access Keys) of the environment that sends; a list during rotation. */
  serverKey: string | readonly string[]
}

export type MidtransAdapter = WebhookAdapter<'midtrans', typeof midtransPayloadSchema>

const CLIENT_KEY = /^(?:SB-)?Mid-client-/

/** "YYYY-MM-DD HH:MM:SS", Jakarta time (GMT+7) with no offset in the string (providers.md §1.3). */
const MIDTRANS_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/
const GMT_PLUS_7_MS = 7 * 60 * 60 * 1000

function fromJakartaTime(value: string | undefined): Date | undefined {
  const match = value === undefined ? null : MIDTRANS_TIME.exec(value)
  if (match === null) return undefined
  const [, year, month, day, hour, minute, second] = match
  return new Date(
    Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second)) - GMT_PLUS_7_MS,
  )
}

function child(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined
}

/**
 * With Automatic Fee Imposition, gross_amount (the signed one) includes the fee charged to the
 * customer; the order's own total is only in metadata (providers.md §1.8.5). The amount is what an
 * amount-vs-order integrity check compares, so it is the order's total.
 */
function orderAmount(payload: MidtransPayload): Money | undefined {
  const currency = payload.currency ?? 'IDR'
  const original = child(child(child(payload.metadata, 'extra_info'), 'gross_amount_info'), 'original_amount')
  const amount = typeof original === 'string' || typeof original === 'number' ? original : payload.gross_amount
  return toMoney(amount, currency)
}

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

/** Midtrans (Indonesia): HTTP payment notifications signed by `signature_key` in the body. */
export function midtrans(options: MidtransOptions): MidtransAdapter {
  const serverKeys = readSecretOption(options?.serverKey, 'serverKey', 'midtrans')
  if (serverKeys.length === 0) throw secretMissing('midtrans', 'serverKey', false)
  refuseClientKeys(serverKeys)

  return {
    name: 'midtrans',
    schema: midtransPayloadSchema,
    statusApi: { supported: false, reason: 'statusApi is not configured: pass midtrans({ serverKey, statusApi: {} }).' },
    transitionExceptions: MIDTRANS_TRANSITION_EXCEPTIONS,
    sensitive: { bodyFields: ['signature_key'], headers: [], queryParams: [], pathToken: false },
    verifySignature: (req) => verifyMidtransSignature(req, serverKeys),
    async parse(req) {
      const payload: MidtransPayload = validatePayload(midtransPayloadSchema, readJsonBody(req, 'midtrans'), 'midtrans')
      const { transaction_status: transactionStatus, fraud_status: fraudStatus } = payload
      const status = midtransStatus(transactionStatus, fraudStatus)
      const settledAt = transactionStatus === 'settlement' ? payload.settlement_time : undefined
      const fields: EventFields<'midtrans', MidtransPayload> = {
        provider: 'midtrans',
        reference: payload.order_id,
        providerReference: payload.transaction_id,
        amount: orderAmount(payload),
        occurredAt: fromJakartaTime(settledAt ?? payload.transaction_time),
        providerStatus: midtransProviderStatus(transactionStatus, fraudStatus),
        raw: payload,
      }
      return status === null ? unknownEvent(fields) : statusEvent('payment', status, fields)
    },
    ack: () => jsonResponse(200, { received: true }),
  }
}
