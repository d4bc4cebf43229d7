import { cryptoSeam } from '../../core/crypto/runtime.js'
import type { ProviderTestKit, SignedWebhook } from '../../core/test-kit.js'
import { datamart } from './adapter.js'
import { datamartSamples } from './samples.js'
import { DATAMART_SIGNATURE_HEADER } from './signature.js'

export const datamartTestKit: ProviderTestKit<'datamart', typeof datamartSamples> = {
  provider: 'datamart',
  createAdapter: (secrets) => datamart({ webhookSecret: secrets }),
  async sign(payload, { secret, path = '/webhooks/datamart' }) {
    // DataMart signs JSON.stringify of the body it sends, i.e. the compact string itself.
    const body = JSON.stringify(payload)
    return {
      body,
      url: path,
      headers: {
        'content-type': 'application/json',
        [DATAMART_SIGNATURE_HEADER]: await cryptoSeam.hmacSha256Hex(secret, body),
        'x-datamart-event': String(payload.event),
      },
    }
  },
  samples: datamartSamples,
  signsBody: true,
  tamper: (signed): SignedWebhook => ({ ...signed, body: signed.body.replace('"price":23.5', '"price":2.35') }),
  strip: ({ headers, ...rest }): SignedWebhook => {
    const { [DATAMART_SIGNATURE_HEADER]: _removed, ...kept } = headers
    return { ...rest, headers: kept }
  },
  invalidPayload: { payload: { event: 'order.completed', data: { phone: '0551234567' } }, path: 'data.orderReference' },
}
