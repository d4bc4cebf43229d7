import { webCrypto } from '../../../src/core/crypto/web.js'
import { runCryptoContract } from './crypto-contract.js'

runCryptoContract('WebCrypto', webCrypto)
