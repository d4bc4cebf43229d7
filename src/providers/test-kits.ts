import type { ProviderName } from '../core/event.js'
import type { ProviderTestKit } from '../core/test-kit.js'
import { azampayTestKit } from './azampay/test-kit.js'
import { clickpesaTestKit } from './clickpesa/test-kit.js'
import { datamartTestKit } from './datamart/test-kit.js'
import { midtransTestKit } from './midtrans/test-kit.js'
import { refractTestKit } from './refract/test-kit.js'

/** Signing and sample payloads per provider, for payhooks/testing. */
export const testKits = {
  azampay: azampayTestKit,
  clickpesa: clickpesaTestKit,
  datamart: datamartTestKit,
  midtrans: midtransTestKit,
  refract: refractTestKit,
} satisfies { [P in ProviderName]: ProviderTestKit<P> }
