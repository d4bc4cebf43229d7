import { PROVIDERS, type ProviderName } from '../core/event.js'
import { operatorKits } from '../providers/operator-kits.js'
import { testKits } from '../providers/test-kits.js'
import type { ProviderOperatorKit } from '../providers/operator-kit.js'
import type { ProviderTestKit } from '../core/test-kit.js'
import { UsageError } from './command.js'

export interface ProviderKits {
  provider: ProviderName
  test: ProviderTestKit
  operator: ProviderOperatorKit
}

/** The test kit (signing, samples) and operator kit (doctor/verify facts) of a provider named on the command line. */
export function providerKits(name: string): ProviderKits {
  if (!(PROVIDERS as readonly string[]).includes(name)) throw new UsageError(`Unknown provider ${JSON.stringify(name)}: use one of ${PROVIDERS.join(', ')}.`)
  const provider = name as ProviderName
  return { provider, test: testKits[provider] as ProviderTestKit, operator: operatorKits[provider] }
}
