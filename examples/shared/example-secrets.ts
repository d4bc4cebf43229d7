/** The five providers' verification secrets, as the examples take them. */
export interface ExampleSecrets {
  /** Midtrans server key (Dashboard → Settings → Access Keys). */
  midtrans: string
  /** The token you put in the AzamPay callback URL: …/webhooks/azampay?token=<it>. */
  azampay: string
  /** ClickPesa checksum key (Dashboard → Settings → Developers). */
  clickpesa: string
  /** The webhook secret DataMart shows once when the webhook is saved. */
  datamart: string
  /** The token at the end of the URL given to Refract: …/webhooks/refract/<it>. */
  refract: string
}

/**
 * Where each secret comes from: an environment variable, else a local-development default. The
 * defaults are public (they are in this file): fine on your laptop, never in production.
 */
export const SECRET_SOURCES = {
  midtrans: { env: 'MIDTRANS_SERVER_KEY', localDefault: 'SB-Mid-server-local-dev-key' },
  azampay: { env: 'AZAMPAY_CALLBACK_TOKEN', localDefault: 'azampay-local-dev-token' },
  clickpesa: { env: 'CLICKPESA_CHECKSUM_KEY', localDefault: 'clickpesa-local-dev-checksum-key' },
  datamart: { env: 'DATAMART_WEBHOOK_SECRET', localDefault: 'datamart-local-dev-secret' },
  refract: { env: 'REFRACT_TOKEN', localDefault: 'refract-local-dev-token' },
} as const satisfies Record<keyof ExampleSecrets, { env: string; localDefault: string }>

/** Explicit overrides first (tests, the demo), then the environment, then the local defaults. */
export function exampleSecrets(overrides: Partial<ExampleSecrets> = {}): ExampleSecrets {
  const pick = (name: keyof ExampleSecrets) => overrides[name] ?? process.env[SECRET_SOURCES[name].env] ?? SECRET_SOURCES[name].localDefault
  return {
    midtrans: pick('midtrans'),
    azampay: pick('azampay'),
    clickpesa: pick('clickpesa'),
    datamart: pick('datamart'),
    refract: pick('refract'),
  }
}
