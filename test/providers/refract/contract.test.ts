import { describe, it } from 'vitest'
import { refractTestKit } from '../../../src/providers/refract/test-kit.js'
import { runAdapterContract } from '../../../src/testing/run-adapter-contract.js'

runAdapterContract(refractTestKit, { describe, it })
