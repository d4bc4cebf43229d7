import { jsonResponse, type WebhookAdapter } from '../../core/adapter.js'
import { statusEvent, unknownEvent, type EventFields } from '../../core/build-event.js'
import { toMoney } from '../../core/money.js'
import { readJsonBody } from '../../core/request.js'
import { readSecretOption, readVerificationNone, secretMissing, secretScrubber } from '../../core/secrets.js'
import { validatePayload } from '../../core/validate-payload.js'
import { AZAMPAY_OPERATORS, azampayPayloadSchema, type AzampayOperator, type AzampayPayload } from './schema.js'
import {
  AZAMPAY_PASSWORD_FIELD,
  AZAMPAY_TOKEN_HEADER,
  AZAMPAY_TOKEN_QUERY_PARAM,
  verifyAzampaySignature,
} from './signature.js'
import { AZAMPAY_TRANSITION_EXCEPTIONS, azampayStatus } from './status-table.js'

export interface AzampayOptions {
  /**
   * A token you append to the callback URL registered with AzamPay (`?token=…`), or that a proxy sends
   * as X-Callback-Token; a list during rotation.
   */
  callbackToken?: string | readonly string[] | undefined
  /** The body `password` AzamPay sends, if AzamPay confirmed one for your app (it was null in sandbox); a list during rotation. */
  password?: string | readonly string[] | undefined
  /**
   * AzamPay signs nothing. Without callbackToken or password, say `'none'` to accept callbacks
   * unchecked (protect the URL otherwise: secret path, IP allowlist, reconciliation).
   */
  verification?: 'none' | undefined
}

export type AzampayAdapter = WebhookAdapter<'azampay', typeof azampayPayloadSchema>

const OPERATOR_BY_LOWER_CASE: ReadonlyMap<string, AzampayOperator> = new Map(AZAMPAY_OPERATORS.map((name) => [name.toLowerCase(), name]))

/**
 * Labels worth showing a person. The operator is given in the spec's spelling when it is one of the
 * five: callbacks and SDKs disagree on case ("Mpesa", "MPesa"; providers.md §2.8.4). `raw` keeps it as sent.
 */
function azampayDetails({ operator, msisdn }: AzampayPayload): Record<string, string> | undefined {
  if (!operator && !msisdn) return undefined
  const details: Record<string, string> = {}
  if (operator) details.operator = OPERATOR_BY_LOWER_CASE.get(operator.toLowerCase()) ?? operator
  if (msisdn) details.msisdn = msisdn
  return details
}

/** AzamPay (Tanzania): checkout callbacks, unsigned; checked by a URL token and/or the body password. */
export function azampay(options?: AzampayOptions): AzampayAdapter {
  const callbackTokens = readSecretOption(options?.callbackToken, 'callbackToken', 'azampay')
  const passwords = readSecretOption(options?.password, 'password', 'azampay')
  const hasSecret = callbackTokens.length > 0 || passwords.length > 0
  const unverified = readVerificationNone(options?.verification, hasSecret, 'azampay', 'callbackToken or password')
  if (!hasSecret && !unverified) throw secretMissing('azampay', 'callbackToken and/or password', true)
  const secrets = { callbackTokens, passwords }

  return {
    name: 'azampay',
    schema: azampayPayloadSchema,
    transitionExceptions: AZAMPAY_TRANSITION_EXCEPTIONS,
    sensitive: {
      bodyFields: [AZAMPAY_PASSWORD_FIELD],
      headers: [AZAMPAY_TOKEN_HEADER],
      queryParams: [AZAMPAY_TOKEN_QUERY_PARAM],
      pathToken: false,
      scrub: secretScrubber([...callbackTokens, ...passwords], '[redacted]'),
    },
    // AzamPay documents a status endpoint for disbursements only (providers.md §2.7): a checkout cannot be polled.
    statusApi: {
      supported: false,
      reason: 'AzamPay has no status API for checkouts (only for disbursements); a lost callback must be checked in the AzamPay portal.',
    },
    verifySignature: unverified ? async () => ({ ok: true, method: 'none' }) : (req) => verifyAzampaySignature(req, secrets),
    async parse(req) {
      const payload: AzampayPayload = validatePayload(azampayPayloadSchema, readJsonBody(req, 'azampay'), 'azampay')
      const status = azampayStatus(payload.transactionstatus)
      const fields: EventFields<'azampay', AzampayPayload> = {
        provider: 'azampay',
        // The merchant's externalId; AzamPay's own plugin matches orders on it, not on transid (§2.8.2).
        reference: payload.utilityref,
        providerReference: payload.reference,
        amount: toMoney(payload.amount, 'TZS'),
        details: azampayDetails(payload),
        providerStatus: payload.transactionstatus,
        raw: payload,
      }
      return status === null ? unknownEvent(fields) : statusEvent('payment', status, fields)
    },
    // The spec's callback response is 200 with an empty object (providers.md §2.5).
    ack: () => jsonResponse(200, {}),
  }
}
