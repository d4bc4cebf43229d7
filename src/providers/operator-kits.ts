import type { ProviderName } from '../core/event.js'
import type { ProviderOperatorKit } from './operator-kit.js'
import { azampayOperatorKit } from './azampay/operator-kit.js'
import { clickpesaOperatorKit } from './clickpesa/operator-kit.js'
import { datamartOperatorKit } from './datamart/operator-kit.js'
import { midtransOperatorKit } from './midtrans/operator-kit.js'
import { refractOperatorKit } from './refract/operator-kit.js'

/** What the `payhooks` command line needs to know per provider (doctor, send, verify). */
export const operatorKits = {
  azampay: azampayOperatorKit,
  clickpesa: clickpesaOperatorKit,
  datamart: datamartOperatorKit,
  midtrans: midtransOperatorKit,
  refract: refractOperatorKit,
} satisfies { [P in ProviderName]: ProviderOperatorKit }
