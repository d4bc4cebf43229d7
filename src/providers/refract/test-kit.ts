import type { ProviderTestKit, SignedWebhook } from '../../core/test-kit.js'
import { refract } from './adapter.js'
import { refractSamples } from './samples.js'

const LAST_SEGMENT = /\/[^/]*\/?$/

/** Drops the last path segment (the token) from a path-and-query URL. */
function withoutToken(url: string): string {
  const parsed = new URL(url, 'http://localhost')
  parsed.pathname = parsed.pathname.replace(LAST_SEGMENT, '')
  return parsed.pathname + parsed.search
}

export const refractTestKit: ProviderTestKit<'refract', typeof refractSamples> = {
  provider: 'refract',
  createAdapter: (secrets) => refract({ token: secrets }),
  // Discord-format webhooks sign nothing: the "signature" is the token at the end of the URL given to Refract.
  async sign(payload, { secret, path = '/webhooks/refract' }) {
    return {
      body: JSON.stringify(payload),
      url: `${path}/${encodeURIComponent(secret)}`,
      headers: { 'content-type': 'application/json' },
    }
  },
  samples: refractSamples,
  signsBody: false,
  // Nothing covers the body, so a changed price still verifies; the kit says so with signsBody: false.
  tamper: (signed): SignedWebhook => ({ ...signed, body: signed.body.replace('$299.99', '$2.99') }),
  strip: (signed): SignedWebhook => ({ ...signed, url: withoutToken(signed.url) }),
  invalidPayload: { payload: { embeds: 'nope' }, path: 'embeds' },
}
