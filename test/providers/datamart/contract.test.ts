import { describe, it } from 'vitest'
import { datamartTestKit } from '../../../src/providers/datamart/test-kit.js'
import { runAdapterContract } from '../../../src/testing/run-adapter-contract.js'

runAdapterContract(datamartTestKit, { describe, it })
