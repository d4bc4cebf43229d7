import { azampay, clickpesa, datamart, midtrans, refract, type AnyWebhookAdapter } from 'payhooks'
import type { ExampleSecrets } from './example-secrets.js'

/** Where the Midtrans status API is (the demo points it at a local fake); without it, no polling. */
export interface ExampleStatusApis {
  midtrans?: { baseUrl: string }
}

/** All five providers, each checked with its own secret. */
export function exampleProviders(secrets: ExampleSecrets, statusApis: ExampleStatusApis = {}): AnyWebhookAdapter[] {
  return [
    midtrans({ serverKey: secrets.midtrans, statusApi: statusApis.midtrans }),
    azampay({ callbackToken: secrets.azampay }),
    clickpesa({ checksumKey: secrets.clickpesa }),
    datamart({ webhookSecret: secrets.datamart }),
    refract({ token: secrets.refract }),
  ]
}
