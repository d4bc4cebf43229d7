import { describe, it } from 'vitest'
import { memoryStore } from '../../src/stores/memory-store.js'
import { runStoreContract } from '../../src/testing/run-store-contract.js'

runStoreContract('memory', () => memoryStore(), { describe, it })
