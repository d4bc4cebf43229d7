import { describe, it } from 'vitest'
import { clickpesaTestKit } from '../../../src/providers/clickpesa/test-kit.js'
import { runAdapterContract } from '../../../src/testing/run-adapter-contract.js'

runAdapterContract(clickpesaTestKit, { describe, it })
