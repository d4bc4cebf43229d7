import { describe, it } from 'vitest'
import { midtransTestKit } from '../../../src/providers/midtrans/test-kit.js'
import { runAdapterContract } from '../../../src/testing/run-adapter-contract.js'

runAdapterContract(midtransTestKit, { describe, it })
