import { jsonResponse, type WebhookAdapter } from '../../core/adapter.js'
import { statusEvent, unknownEvent, type EventFields } from '../../core/build-event.js'
import { toMoney } from '../../core/money.js'
import { readJsonBody } from '../../core/request.js'
import { readSecretOption, secretMissing } from '../../core/secrets.js'
import { validatePayload } from '../../core/validate-payload.js'
import { parseIsoDate } from '../../core/parse-date.js'
import { datamartPayloadSchema, type DatamartPayload } from './schema.js'
import { DATAMART_SIGNATURE_HEADER, verifyDatamartSignature } from './signature.js'
import { datamartStatus } from './status-table.js'

export interface DatamartOptions {
  /** The webhook secret DataMart shows once when the webhook is saved; a list during rotation. */
  webhookSecret: string | readonly string[]
}

export type DatamartAdapter = WebhookAdapter<'datamart', typeof datamartPayloadSchema>

/** DataMart (Ghana data bundles): orders reported by `X-DataMart-Signature`-signed webhooks. */
export function datamart(options: DatamartOptions): DatamartAdapter {
  const secrets = readSecretOption(options?.webhookSecret, 'webhookSecret', 'datamart')
  if (secrets.length === 0) throw secretMissing('datamart', 'webhookSecret', false)

  return {
    name: 'datamart',
    schema: datamartPayloadSchema,
    statusApi: { supported: false, reason: 'statusApi is not configured: pass datamart({ webhookSecret, statusApi: { apiKey } }).' },
    transitionExceptions: [],
    sensitive: { bodyFields: [], headers: [DATAMART_SIGNATURE_HEADER], queryParams: [], pathToken: false },
    verifySignature: (req) => verifyDatamartSignature(req, secrets),
    async parse(req) {
      const payload: DatamartPayload = validatePayload(datamartPayloadSchema, readJsonBody(req, 'datamart'), 'datamart')
      const { data } = payload
      const { status, raw } = datamartStatus(payload.event, data.status)
      const fields: EventFields<'datamart', DatamartPayload> = {
        provider: 'datamart',
        reference: data.orderReference,
        providerReference: data.transactionId,
        amount: data.price === undefined ? undefined : toMoney(data.price, 'GHS'),
        occurredAt: parseIsoDate(payload.timestamp ?? data.updatedAt),
        providerStatus: raw,
        raw: payload,
      }
      return status === null ? unknownEvent(fields) : statusEvent('order', status, fields)
    },
    ack: () => jsonResponse(200, { received: true }),
  }
}
