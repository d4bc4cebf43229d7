import { cryptoSeam } from '../../core/crypto/runtime.js'
import type { ProviderTestKit, SamplePayload, SignedWebhook } from '../../core/test-kit.js'
import { clickpesa } from './adapter.js'
import { clickpesaSamples } from './samples.js'
import { CLICKPESA_CHECKSUM_FIELD, CLICKPESA_CHECKSUM_HEADERS, clickpesaCanonicalText, clickpesaLegacyText } from './signature.js'

/** Where a webhook amount's digits start: `collectedAmount` for payments, `amount` for payouts. */
const AMOUNT = /"(collectedAmount|amount)":("?)(?=\d)/

export const clickpesaTestKit: ProviderTestKit<'clickpesa', typeof clickpesaSamples> = {
  provider: 'clickpesa',
  createAdapter: (secrets) => clickpesa({ checksumKey: secrets }),
  /**
   * Options: `checksumMethod` 'canonical' (default) or 'legacy'; `location` 'body' (default: a top-level
   * `checksum` field, where ClickPesa most likely puts it) or 'header' (`x-clickpesa-checksum`). A
   * `checksumMethod` field in the payload is sent as is and left out of the checksum, like ClickPesa does.
   */
  async sign(payload, { secret, path = '/webhooks/clickpesa', checksumMethod, location }) {
    const text = checksumMethod === 'legacy' ? clickpesaLegacyText(payload) : clickpesaCanonicalText(payload)
    const checksum = await cryptoSeam.hmacSha256Hex(secret, text)
    const headers: Record<string, string> = { 'content-type': 'application/json' }
    if (location === 'header') {
      headers[CLICKPESA_CHECKSUM_HEADERS[0]] = checksum
      return { body: JSON.stringify(payload), url: path, headers }
    }
    return { body: JSON.stringify({ ...payload, [CLICKPESA_CHECKSUM_FIELD]: checksum }), url: path, headers }
  },
  samples: clickpesaSamples,
  signsBody: true,
  // Prefixes the first amount with a 9: "10000" → "910000".
  tamper: (signed): SignedWebhook => ({
    ...signed,
    body: signed.body.replace(AMOUNT, (_match, field: string, quote: string) => `"${field}":${quote}9`),
  }),
  strip: ({ body, headers, ...rest }): SignedWebhook => {
    const { [CLICKPESA_CHECKSUM_FIELD]: _checksum, ...payload } = JSON.parse(body) as SamplePayload
    const kept = Object.fromEntries(
      Object.entries(headers).filter(([name]) => !(CLICKPESA_CHECKSUM_HEADERS as readonly string[]).includes(name.toLowerCase())),
    )
    return { ...rest, body: JSON.stringify(payload), headers: kept }
  },
  invalidPayload: {
    payload: { event: 'PAYMENT RECEIVED', data: { id: 'ORD123456LCP7890', status: 'SUCCESS', collectedAmount: '10000' } },
    path: 'data.orderReference',
  },
}
