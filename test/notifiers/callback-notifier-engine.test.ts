import { afterEach, describe, expect, it } from 'vitest'
import { createPayhooks } from '../../src/create-payhooks.js'
import type { Logger, SuspiciousTransition, Transition } from '../../src/engine/types.js'
import { callbackNotifier, type CallbackNotifierOptions } from '../../src/notifiers/index.js'
import { datamart } from '../../src/providers/datamart/index.js'
import { datamartSamples } from '../../src/providers/datamart/samples.js'
import { datamartTestKit } from '../../src/providers/datamart/test-kit.js'
import { toRequest } from '../../src/testing/types.js'

const webhookSecret = 'dm_whsec_callback_engine_71d3'
const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

function recordingLogger() {
  const lines: Array<{ level: string; obj: object; msg?: string }> = []
  const at =
    (level: string) =>
    (obj: object, msg?: string): void =>
      void lines.push({ level, obj, msg })
  const logger: Logger = { info: at('info'), warn: at('warn'), error: at('error') }
  return { logger, lines }
}

/** The README's quick start shape: an SMS callback, an order registered at checkout with its price. */
async function underpaidOrder(options: Pick<CallbackNotifierOptions, 'onSuspicious'>) {
  const applied: Transition[] = []
  const { logger, lines } = recordingLogger()
  const hooks = createPayhooks({
    providers: [datamart({ webhookSecret })],
    notifiers: [callbackNotifier((transition) => void applied.push(transition), { name: 'sms', ...options })],
    logger,
  })
  cleanups.push(() => hooks.close())
  // The checkout charged GHS 30.00; Datamart reports the order completed at GHS 23.50 (providers.md §4.3 sample).
  await hooks.expect({ provider: 'datamart', reference: 'GN-AB12CD34', amount: { value: '30.00', currency: 'GHS' } })
  const signed = await datamartTestKit.sign(datamartSamples.completed(), { secret: webhookSecret })
  for (let i = 0; i < 2; i++) expect((await hooks.handle('datamart', toRequest(signed))).status).toBe(200)
  await hooks.idle()
  return { hooks, applied, lines }
}

describe('callbackNotifier behind the engine: an underpaid order', () => {
  it('never reaches onTransition, is acknowledged, and the engine warns once', async () => {
    const { hooks, applied, lines } = await underpaidOrder({})
    expect(applied).toEqual([])
    expect((await hooks.record('datamart', 'GN-AB12CD34'))?.status).toBe('pending')
    expect(await hooks.store.notifications({ state: 'sent' })).toHaveLength(1)
    const warnings = lines.filter((line) => line.level === 'warn' && line.msg === 'payhooks: suspicious event not applied')
    expect(warnings).toHaveLength(1)
    expect(warnings[0]?.obj).toMatchObject({ reference: 'GN-AB12CD34', claimed: 'completed', reason: expect.stringContaining('differs') })
    expect(JSON.stringify(lines)).not.toContain(webhookSecret)
  })

  it('reaches onSuspicious exactly once, redelivery included, and onTransition never', async () => {
    const suspicious: SuspiciousTransition[] = []
    const { applied } = await underpaidOrder({ onSuspicious: (transition) => void suspicious.push(transition) })
    expect(applied).toEqual([])
    expect(suspicious).toHaveLength(1)
    expect(suspicious[0]).toMatchObject({
      type: 'suspicious',
      to: 'completed',
      record: { reference: 'GN-AB12CD34', status: 'pending', expectedAmount: { minor: 3000, currency: 'GHS' } },
    })
  })

  it('still hands the applied payment to onTransition once the order is paid in full', async () => {
    const suspicious: SuspiciousTransition[] = []
    const { hooks, applied } = await underpaidOrder({ onSuspicious: (transition) => void suspicious.push(transition) })
    const paid = datamartSamples.completed({ event: 'order.completed', timestamp: '2026-07-31T10:20:00.000Z' })
    ;(paid.data as Record<string, unknown>).price = 30
    ;(paid.data as Record<string, unknown>).transactionId = 'TRX-20260731-9Z3M2P'
    ;(paid.data as Record<string, unknown>).orderId = '66a9f0c2b7e4d21a9c3f5e99'
    const signed = await datamartTestKit.sign(paid, { secret: webhookSecret })
    expect((await hooks.handle('datamart', toRequest(signed))).status).toBe(200)
    await hooks.idle()
    expect(applied.map((t) => [t.type, t.from, t.to])).toEqual([['transition', 'pending', 'completed']])
    expect(suspicious).toHaveLength(1)
  })
})
