import type { ProviderName } from '../core/event.js'
import { testKits } from '../providers/test-kits.js'
import type { ProviderTestKit } from './types.js'

/** Documented sample payload builders: `samples.midtrans.completed({ order_id: 'A-1' })`. */
export const samples = Object.fromEntries(
  Object.entries(testKits).map(([name, kit]) => [name, kit.samples]),
) as { [P in ProviderName]: ProviderTestKit<P>['samples'] }
