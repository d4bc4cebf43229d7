import type { ProviderOperatorKit } from '../operator-kit.js'
import { pickSample, withData } from '../operator-kit.js'
import { datamartSamples } from './samples.js'
import { DATAMART_SIGNATURE_HEADER } from './signature.js'

export const datamartOperatorKit: ProviderOperatorKit = {
  signatureLocation: 'the X-DataMart-Signature header',
  placeSignature: (request, value) => ({ ...request, headers: { ...(request.headers as Record<string, string>), [DATAMART_SIGNATURE_HEADER]: value } }),
  sample(name, { reference, amount }) {
    const payload = pickSample(datamartSamples, name)?.()
    if (payload === undefined) return undefined
    return withData(payload, {
      ...(reference === undefined ? {} : { orderReference: reference }),
      ...(amount === undefined ? {} : { price: Number(amount) }),
    })
  },
  // DataMart's docs answer {"received":true} (providers.md §4.5); nothing says what it does with another body.
  doctor: { completed: 'completed', late: { sample: 'created', status: 'pending' }, checkAckBody: true },
  async diagnose({ result }) {
    // It verified, but only once re-serialized: the captured body is not the bytes DataMart sent.
    if (!result.ok || result.method !== 'hmac-sha256-restringified') return []
    return [
      {
        code: 'body-reserialized',
        problem: 'The signature matches only the body re-serialized compactly: the body given is not the bytes DataMart sent (pretty-printed or re-encoded).',
        fix: 'Pass the raw body exactly as received. payhooks accepts this one, but a re-serialization that reorders keys or changes numbers will not verify.',
        confirmed: true,
      },
    ]
  },
}
