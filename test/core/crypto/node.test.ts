import { nodeCrypto } from '../../../src/core/crypto/node.js'
import { runCryptoContract } from './crypto-contract.js'

runCryptoContract('node:crypto', nodeCrypto)
