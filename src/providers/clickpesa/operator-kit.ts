import type { ProviderOperatorKit } from '../operator-kit.js'
import { pickSample, readJsonObject, withData } from '../operator-kit.js'
import { clickpesa } from './adapter.js'
import { clickpesaSamples } from './samples.js'
import { CLICKPESA_CHECKSUM_FIELD } from './signature.js'

export const clickpesaOperatorKit: ProviderOperatorKit = {
  signatureLocation: 'the checksum field of the JSON body, or the x-clickpesa-checksum header',
  placeSignature(request, value) {
    const body = readJsonObject(request)
    return body === undefined ? request : { ...request, body: JSON.stringify({ ...body, [CLICKPESA_CHECKSUM_FIELD]: value }) }
  },
  sample(name, { reference, amount }) {
    const payload = pickSample(clickpesaSamples, name)?.()
    if (payload === undefined) return undefined
    const data = payload.data as Record<string, unknown>
    // Payments carry collectedAmount, payouts and the March 2025 shape amount (providers.md §3.2).
    const amountField = 'collectedAmount' in data ? 'collectedAmount' : 'amount'
    return withData(payload, {
      ...(reference === undefined ? {} : { orderReference: reference }),
      ...(amount === undefined ? {} : { [amountField]: amount }),
    })
  },
  // A PAYMENT FAILED after PAYMENT RECEIVED is stale (money wins); ClickPesa has no pending webhook sample.
  doctor: { completed: 'completed', late: { sample: 'failed', status: 'failed' }, checkAckBody: false },
  async diagnose({ request, secret, result }) {
    if (result.ok || result.error.code !== 'SIGNATURE_MISMATCH') return []
    let legacy
    try {
      legacy = await clickpesa({ checksumKey: secret, checksumMethod: 'legacy' }).verifySignature(request)
    } catch {
      return []
    }
    if (!legacy.ok) return []
    return [
      {
        code: 'clickpesa-legacy-checksum',
        problem: "The checksum is ClickPesa's legacy one (sorted top-level values concatenated), not the canonical one (keys sorted at every depth, compact JSON) checked by default.",
        fix:
          "Migrate the application to the canonical checksum in the ClickPesa dashboard (the legacy one does not cover `data`); until then " +
          "pass clickpesa({ checksumMethod: 'auto' }) (or 'legacy').",
        confirmed: true,
      },
    ]
  },
}
