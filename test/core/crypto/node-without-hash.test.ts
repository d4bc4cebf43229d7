import { describe, expect, it, vi } from 'vitest'
import { runCryptoContract } from './crypto-contract.js'

// Node < 20.12 has no crypto.hash: the node seam must fall back to createHash and give the same digests.
vi.mock('node:crypto', async (importOriginal) => ({ ...(await importOriginal<typeof import('node:crypto')>()), hash: undefined }))

const { nodeCrypto } = await import('../../../src/core/crypto/node.js')

runCryptoContract('node:crypto without crypto.hash', nodeCrypto)

describe('the mocked module', () => {
  it('really lacks crypto.hash, so the digests above came from the createHash fallback', async () => {
    const crypto = await import('node:crypto')
    expect(crypto.hash).toBeUndefined()
  })
})
