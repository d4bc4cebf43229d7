import { describe, expect, it } from 'vitest'
import { azampay } from '../../../src/providers/azampay/index.js'
import { azampaySamples } from '../../../src/providers/azampay/samples.js'
import { AZAMPAY_TRANSACTION_STATUS } from '../../../src/providers/azampay/status-table.js'

const adapter = azampay({ callbackToken: 'cb_tok_9f2d71' })
const parse = (payload: object) => adapter.parse({ body: JSON.stringify(payload), headers: {} })

describe('azampay status table', () => {
  it('has exactly the documented rows: the spec pair and the plugin spelling (providers.md §2.4)', () => {
    expect(AZAMPAY_TRANSACTION_STATUS).toEqual({ success: 'completed', failure: 'failed', failed: 'failed' })
  })

  it.each([
    ['success', 'completed'],
    ['failure', 'failed'],
    ['failed', 'failed'],
  ] as const)('transactionstatus %s → payment.%s', async (raw, status) => {
    const event = await parse(azampaySamples.completed({ transactionstatus: raw }))
    expect(event).toMatchObject({ kind: 'payment', status, type: `payment.${status}`, providerStatus: raw })
  })

  it.each([
    ['SUCCESS', 'completed'],
    ['Success', 'completed'],
    ['FAILED', 'failed'],
    ['Failed', 'failed'],
    ['Failure', 'failed'],
    ['FAILURE', 'failed'],
  ] as const)('case does not matter: %s → %s, providerStatus kept as sent', async (raw, status) => {
    const event = await parse(azampaySamples.completed({ transactionstatus: raw }))
    expect(event.status).toBe(status)
    expect(event.providerStatus).toBe(raw)
  })

  it.each(['pending', 'successful', 'cancelled', 'fail'])('undocumented %s is kind unknown and carries no status', async (raw) => {
    const event = await parse(azampaySamples.completed({ transactionstatus: raw }))
    expect(event).toMatchObject({ kind: 'unknown', type: 'unknown', providerStatus: raw, reference: 'BOOKING-HSE-000009-1767956005' })
    expect(event.status).toBeUndefined()
  })

  it('the spelling used by the failed samples: failure (spec) and failed (plugin) both fail', async () => {
    expect((await parse(azampaySamples.failed())).status).toBe('failed')
    expect((await parse(azampaySamples.failedPlugin())).status).toBe('failed')
    expect((await parse(azampaySamples.legacyFailed())).status).toBe('failed')
  })
})

describe('azampay transitions', () => {
  it('declares no exception: a later success after a failed attempt is the general money-wins rule', async () => {
    const { decideTransition } = await import('../../../src/engine/decide-transition.js')
    const { azampay } = await import('../../../src/providers/azampay/index.js')
    const { statusEvent } = await import('../../../src/core/build-event.js')
    const adapter = azampay({ callbackToken: 'tok' })
    expect(adapter.transitionExceptions).toEqual([])
    const now = new Date()
    const failed = { provider: 'azampay' as const, reference: 'INV-1', status: 'failed' as const, providerStatus: 'failure', expectedAmount: null, statusAt: null, createdAt: now, updatedAt: now }
    const success = statusEvent('payment', 'completed', { provider: 'azampay', reference: 'INV-1', providerReference: 'r2', providerStatus: 'success', raw: {} })
    expect(decideTransition(failed, success, { exceptions: adapter.transitionExceptions, onUnknownReference: 'create', now }).action).toBe('apply')
  })
})
