import { azampay, clickpesa, datamart, midtrans, refract, type AnyWebhookAdapter } from 'payhooks'
import type { ExampleSecrets } from './example-secrets.js'

/** All five providers, each checked with its own secret. */
export function exampleProviders(secrets: ExampleSecrets): AnyWebhookAdapter[] {
  return [
    midtrans({ serverKey: secrets.midtrans }),
    azampay({ callbackToken: secrets.azampay }),
    clickpesa({ checksumKey: secrets.clickpesa }),
    datamart({ webhookSecret: secrets.datamart }),
    refract({ token: secrets.refract }),
  ]
}
