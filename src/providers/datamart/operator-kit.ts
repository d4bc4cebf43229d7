import type { Diagnosis, DiagnoseInput, ProviderOperatorKit } from '../operator-kit.js'
import { pickSample, withData } from '../operator-kit.js'
import { datamartSamples } from './samples.js'
import { DATAMART_SIGNATURE_HEADER } from './signature.js'

const FIX = 'Pass the raw body exactly as received (not JSON.stringify(body, null, 2), a parsed-and-rebuilt object, or a copy from a log viewer).'

function compactJson(text: string): string | undefined {
  try {
    return JSON.stringify(JSON.parse(text))
  } catch {
    return undefined
  }
}

/**
 * DataMart signs the bytes it sends, which are JSON.stringify's compact output. The adapter accepts a
 * body re-serialized without changes (it verifies that too), so such a body passes with a warning;
 * one whose keys or numbers changed cannot be restored, and is named as a likely cause.
 */
function reserialized({ request, result }: DiagnoseInput): Diagnosis[] {
  if (result.ok && result.method === 'hmac-sha256-restringified') {
    return [
      {
        code: 'body-reserialized',
        problem: 'The signature matches only once the body is compacted again: the body given is not the bytes DataMart sent (pretty-printed or re-encoded).',
        fix: `${FIX} payhooks accepts this one, but a re-serialization that reorders keys or changes numbers will not verify.`,
        confirmed: true,
      },
    ]
  }
  if (result.ok || result.error.code !== 'SIGNATURE_MISMATCH' || typeof request.body !== 'string') return []
  const compact = compactJson(request.body)
  if (compact === undefined || compact === request.body) return []
  return [
    {
      code: 'body-reserialized',
      problem: `The body is not compact JSON as DataMart sends it${/\n\s/.test(request.body) ? ' (it is pretty-printed)' : ''}: it was re-serialized, and the signature covers the original bytes.`,
      fix: FIX,
      confirmed: false,
    },
  ]
}

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
  diagnose: async (input) => reserialized(input),
}
