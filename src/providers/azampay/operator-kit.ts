import type { ProviderOperatorKit } from '../operator-kit.js'
import { pickSample } from '../operator-kit.js'
import { azampaySamples } from './samples.js'

export const azampayOperatorKit: ProviderOperatorKit = {
  signatureLocation: 'the token query parameter of the callback URL, or an X-Callback-Token header',
  sample(name, { reference, amount }) {
    return pickSample(azampaySamples, name)?.({
      ...(reference === undefined ? {} : { utilityref: reference }),
      ...(amount === undefined ? {} : { amount }),
    })
  },
  // AzamPay sends no pending callback; a failure after success is stale (money wins).
  doctor: { completed: 'completed', late: { sample: 'failed', status: 'failed' }, checkAckBody: false },
  // Token in the URL: the adapter's own message and hint say all there is (no token, wrong token).
  diagnose: async () => [],
}
