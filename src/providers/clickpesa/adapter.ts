import { jsonResponse, type WebhookAdapter } from '../../core/adapter.js'
import { readJsonBody } from '../../core/request.js'
import { readSecretOption, secretMissing } from '../../core/secrets.js'
import { validatePayload } from '../../core/validate-payload.js'
import { clickpesaEvent } from './clickpesa-event.js'
import { clickpesaPayloadSchema } from './schema.js'
import {
  CLICKPESA_CHECKSUM_FIELD,
  CLICKPESA_CHECKSUM_HEADERS,
  CLICKPESA_CHECKSUM_METHODS,
  verifyClickpesaSignature,
  type ClickpesaChecksumMethod,
} from './signature.js'
import { createClickpesaStatusClient, type ClickpesaStatusApiOptions } from './status-client.js'
import { CLICKPESA_TRANSITION_EXCEPTIONS } from './status-table.js'

export interface ClickpesaOptions {
  /** The checksum key of the ClickPesa application (shown when checksum is enabled); a list during rotation. */
  checksumKey: string | readonly string[]
  /**
   * 'canonical' (default): ClickPesa's algorithm since January 2026, covering the whole payload.
   * 'legacy': for applications not migrated yet. It joins the top-level values, where a nested object
   * counts as the constant "[object Object]": for webhooks it covers the event name but NOT `data`
   * (amounts, references). 'auto': canonical, then legacy (or the one the body's `checksumMethod` names);
   * as weak as 'legacy' while it is on. Migrate, then use 'canonical'.
   */
  checksumMethod?: ClickpesaChecksumMethod | undefined
  /**
   * ClickPesa's query APIs, for recovering lost webhooks (hooks.reconcile): the application's Client ID
   * and API key. Without it the adapter is reported `unsupported` by the reconciler.
   */
  statusApi?: ClickpesaStatusApiOptions | undefined
}

export type ClickpesaAdapter = WebhookAdapter<'clickpesa', typeof clickpesaPayloadSchema>

function readChecksumMethod(value: unknown): ClickpesaChecksumMethod {
  if (value === undefined) return 'canonical'
  if ((CLICKPESA_CHECKSUM_METHODS as readonly unknown[]).includes(value)) return value as ClickpesaChecksumMethod
  // The value is not echoed: a misplaced checksum key could be in it.
  throw new TypeError(`clickpesa: checksumMethod must be 'canonical', 'legacy' or 'auto' (got a ${typeof value} that is none of them).`)
}

/** ClickPesa (Tanzania): payment, payout and deposit webhooks signed with the application's checksum key. */
export function clickpesa(options: ClickpesaOptions): ClickpesaAdapter {
  const checksumKeys = readSecretOption(options?.checksumKey, 'checksumKey', 'clickpesa')
  if (checksumKeys.length === 0) throw secretMissing('clickpesa', 'checksumKey', false)
  const checksumMethod = readChecksumMethod(options?.checksumMethod)

  return {
    name: 'clickpesa',
    schema: clickpesaPayloadSchema,
    statusApi:
      options.statusApi === undefined
        ? { supported: false, reason: 'statusApi is not configured: pass clickpesa({ checksumKey, statusApi: { clientId, apiKey } }).' }
        : { supported: true, client: createClickpesaStatusClient(options.statusApi) },
    transitionExceptions: CLICKPESA_TRANSITION_EXCEPTIONS,
    sensitive: {
      bodyFields: [CLICKPESA_CHECKSUM_FIELD],
      headers: CLICKPESA_CHECKSUM_HEADERS,
      queryParams: [],
      pathToken: false,
    },
    verifySignature: (req) => verifyClickpesaSignature(req, checksumKeys, checksumMethod),
    async parse(req) {
      return clickpesaEvent(validatePayload(clickpesaPayloadSchema, readJsonBody(req, 'clickpesa'), 'clickpesa'))
    },
    // Any 2xx acknowledges; extra response data is ignored (providers.md §3.4).
    ack: () => jsonResponse(200, { received: true }),
  }
}
