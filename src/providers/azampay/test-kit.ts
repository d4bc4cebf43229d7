import type { ProviderTestKit, SignedWebhook } from '../../core/test-kit.js'
import { azampay } from './adapter.js'
import { azampaySamples } from './samples.js'
import { AZAMPAY_TOKEN_QUERY_PARAM } from './signature.js'

/** Drops `?token=` (and only it) from a path-and-query URL. */
function withoutToken(url: string): string {
  const parsed = new URL(url, 'http://localhost')
  parsed.searchParams.delete(AZAMPAY_TOKEN_QUERY_PARAM)
  return parsed.pathname + parsed.search
}

export const azampayTestKit: ProviderTestKit<'azampay', typeof azampaySamples> = {
  provider: 'azampay',
  createAdapter: (secrets) => azampay({ callbackToken: secrets }),
  // AzamPay signs nothing: the "signature" is the token the merchant put in the registered callback URL.
  async sign(payload, { secret, path = '/webhooks/azampay' }) {
    return {
      body: JSON.stringify(payload),
      url: `${path}${path.includes('?') ? '&' : '?'}${AZAMPAY_TOKEN_QUERY_PARAM}=${encodeURIComponent(secret)}`,
      headers: { 'content-type': 'application/json' },
    }
  },
  samples: azampaySamples,
  signsBody: false,
  // Nothing covers the body, so a changed amount still verifies; the kit says so with signsBody: false.
  tamper: (signed): SignedWebhook => ({ ...signed, body: signed.body.replace('"amount":"60000"', '"amount":"600"') }),
  strip: (signed): SignedWebhook => ({ ...signed, url: withoutToken(signed.url) }),
  invalidPayload: {
    payload: { ...azampaySamples.completed(), utilityref: undefined },
    path: 'utilityref',
  },
}
