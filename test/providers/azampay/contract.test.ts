import { describe, it } from 'vitest'
import { azampayTestKit } from '../../../src/providers/azampay/test-kit.js'
import { runAdapterContract } from '../../../src/testing/run-adapter-contract.js'

runAdapterContract(azampayTestKit, { describe, it })
