import { testKits } from '../providers/test-kits.js'

type Samples = { [P in keyof typeof testKits]: (typeof testKits)[P]['samples'] }

/** Documented sample payload builders: `samples.midtrans.completed({ order_id: 'A-1' })`. */
export const samples = Object.fromEntries(Object.entries(testKits).map(([name, kit]) => [name, kit.samples])) as unknown as Samples
