import { jsonResponse, type WebhookAdapter } from '../../core/adapter.js'
import { readJsonBody } from '../../core/request.js'
import { readSecretOption, secretMissing } from '../../core/secrets.js'
import { validatePayload } from '../../core/validate-payload.js'
import { datamartEvent } from './datamart-event.js'
import { datamartPayloadSchema } from './schema.js'
import { DATAMART_SIGNATURE_HEADER, verifyDatamartSignature } from './signature.js'
import { createDatamartStatusClient, type DatamartStatusApiOptions } from './status-client.js'

export interface DatamartOptions {
  /** The webhook secret DataMart shows once when the webhook is saved; a list during rotation. */
  webhookSecret: string | readonly string[]
  /**
   * DataMart's order-status API, for recovering lost webhooks (hooks.reconcile), including orders placed
   * before the webhook was set up: the API key (and, for accounts with that rule, the API secret).
   * Without it the adapter is reported `unsupported` by the reconciler.
   */
  statusApi?: DatamartStatusApiOptions | undefined
}

export type DatamartAdapter = WebhookAdapter<'datamart', typeof datamartPayloadSchema>

/** DataMart (Ghana data bundles): orders reported by `X-DataMart-Signature`-signed webhooks. */
export function datamart(options: DatamartOptions): DatamartAdapter {
  const secrets = readSecretOption(options?.webhookSecret, 'webhookSecret', 'datamart')
  if (secrets.length === 0) throw secretMissing('datamart', 'webhookSecret', false)

  return {
    name: 'datamart',
    schema: datamartPayloadSchema,
    statusApi:
      options.statusApi === undefined
        ? { supported: false, reason: 'statusApi is not configured: pass datamart({ webhookSecret, statusApi: { apiKey } }).' }
        : { supported: true, client: createDatamartStatusClient(options.statusApi) },
    transitionExceptions: [],
    sensitive: { bodyFields: [], headers: [DATAMART_SIGNATURE_HEADER], queryParams: [], pathToken: false },
    verifySignature: (req) => verifyDatamartSignature(req, secrets),
    async parse(req) {
      return datamartEvent(validatePayload(datamartPayloadSchema, readJsonBody(req, 'datamart'), 'datamart'))
    },
    ack: () => jsonResponse(200, { received: true }),
  }
}
