import { cryptoSeam } from '../../core/crypto/runtime.js'
import type { ProviderTestKit, SamplePayload, SignedWebhook } from '../../core/test-kit.js'
import { midtrans } from './adapter.js'
import { midtransSamples } from './samples.js'

function text(payload: SamplePayload, field: string): string {
  const value = payload[field]
  return value === undefined ? '' : String(value)
}

export const midtransTestKit: ProviderTestKit<'midtrans', typeof midtransSamples> = {
  provider: 'midtrans',
  createAdapter: (secrets) => midtrans({ serverKey: secrets }),
  async sign(payload, { secret, path = '/webhooks/midtrans' }) {
    // SHA-512 of order_id + status_code + gross_amount + Server Key, carried in the body itself.
    const signed = text(payload, 'order_id') + text(payload, 'status_code') + text(payload, 'gross_amount')
    const body = JSON.stringify({ ...payload, signature_key: await cryptoSeam.sha512Hex(signed + secret) })
    return { body, url: path, headers: { 'content-type': 'application/json', accept: 'application/json' } }
  },
  samples: midtransSamples,
  signsBody: true,
  tamper: (signed): SignedWebhook => ({
    ...signed,
    body: signed.body.replace(/"gross_amount":"([^"]*)"/, (_match, amount: string) => `"gross_amount":"9${amount}"`),
  }),
  strip: (signed): SignedWebhook => {
    const { signature_key: _removed, ...kept } = JSON.parse(signed.body) as SamplePayload
    return { ...signed, body: JSON.stringify(kept) }
  },
  invalidPayload: {
    payload: { transaction_status: 'settlement', status_code: '200', gross_amount: '10000.00' },
    path: 'order_id',
  },
}
