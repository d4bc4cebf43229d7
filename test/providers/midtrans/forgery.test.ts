import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createPayhooks } from '../../../src/create-payhooks.js'
import { midtrans } from '../../../src/providers/midtrans/index.js'
import { midtransSamples } from '../../../src/providers/midtrans/samples.js'
import { memoryStore } from '../../../src/stores/memory-store.js'
import { officialNotifications } from './official-samples.js'

const secret = 'SB-Mid-server-Fg7Hj2Kl9Qw4Er6T'
const adapter = midtrans({ serverKey: secret })

/** Signed the way Midtrans signs (providers.md §1.2), independently of the test kit. */
function signedBody(payload: Record<string, unknown>): string {
  const { order_id, status_code, gross_amount } = payload as Record<string, string>
  const signature_key = createHash('sha512').update(`${order_id}${status_code}${gross_amount}${secret}`).digest('hex')
  return JSON.stringify({ ...payload, signature_key })
}

/** A genuine notification with its transaction_status (and fraud_status) changed; signature_key kept. */
function relabel(genuine: string, fields: Record<string, unknown>): string {
  return JSON.stringify({ ...(JSON.parse(genuine) as object), ...fields })
}

const forgeries = [
  ['a pending (201) relabelled settlement', midtransSamples.pending(), { transaction_status: 'settlement' }],
  ['a pending (201) relabelled capture with fraud accept', midtransSamples.pending(), { transaction_status: 'capture', fraud_status: 'accept' }],
  ['a deny (202) relabelled settlement', midtransSamples.failed(), { transaction_status: 'settlement' }],
  ['an expire (202) relabelled capture', midtransSamples.expired(), { transaction_status: 'capture' }],
  ['a challenge (201) relabelled as accepted', midtransSamples.challenge(), { fraud_status: 'accept' }],
  ['a pending (201) relabelled refund', midtransSamples.pending(), { transaction_status: 'refund' }],
] as const

describe('midtrans: a settlement cannot be forged from another genuine notification', () => {
  it.each(forgeries)('%s is refused after the signature verifies: 401 SIGNATURE_MISMATCH', async (_name, genuine, fields) => {
    const body = relabel(signedBody(genuine), fields)
    // The signature itself still holds: only order_id, status_code and gross_amount are signed.
    const signed = JSON.parse(body) as Record<string, string>
    expect(signed.status_code).toBe(genuine.status_code)
    const verdict = await adapter.verifySignature({ body, headers: {} })
    expect(verdict.ok).toBe(false)
    if (verdict.ok) return
    expect(verdict.error).toMatchObject({ code: 'SIGNATURE_MISMATCH', status: 401, provider: 'midtrans' })
    expect(verdict.error.message).toContain(`status_code "${genuine.status_code}"`)
    expect(verdict.error.hint).toMatch(/transaction_status/)
    expect(verdict.error.hint).toMatch(/altered/)
    const shown = JSON.stringify(verdict.error.toJSON())
    expect(shown).not.toContain(secret)
    expect(shown).not.toContain(signed.signature_key)
    // parse alone (a host that calls it without verifySignature) never builds an event from it either.
    await expect(adapter.parse({ body, headers: {} })).rejects.toMatchObject({ code: 'SIGNATURE_MISMATCH' })
  })

  it('names the codes the status is sent with, per fraud verdict', async () => {
    const body = relabel(signedBody(midtransSamples.pending()), { transaction_status: 'capture', fraud_status: 'accept' })
    const verdict = await adapter.verifySignature({ body, headers: {} })
    expect(verdict.ok ? '' : verdict.error.hint).toContain('"capture" with fraud_status accept with status_code 200, never 201')
  })

  it('through the engine: the forged settlement answers 401, the order stays pending, nobody is told it is paid', async () => {
    const hooks = createPayhooks({ providers: [adapter], store: memoryStore() })
    const genuine = signedBody(midtransSamples.pending())
    expect((await hooks.handle('midtrans', { body: genuine, headers: {}, method: 'POST' })).status).toBe(200)
    const forged = relabel(genuine, { transaction_status: 'settlement', settlement_time: '2026-03-01 07:45:12' })
    const response = await hooks.handle('midtrans', { body: forged, headers: {}, method: 'POST' })
    expect(response.status).toBe(401)
    expect(JSON.parse(response.body)).toMatchObject({ error: { code: 'SIGNATURE_MISMATCH' } })
    expect((await hooks.record('midtrans', 'ORDER-2026-0301-17'))?.status).toBe('pending')
    const deliveries = await hooks.deliveries()
    expect(deliveries.map((d) => [d.outcome, d.errorCode])).toContainEqual(['rejected', 'SIGNATURE_MISMATCH'])
    await hooks.close()
  })
})

describe('midtrans: every documented notification still passes the binding', () => {
  it.each(Object.entries(midtransSamples))('the %s sample verifies and parses to a status', async (_name, build) => {
    const req = { body: signedBody(build()), headers: {} }
    expect(await adapter.verifySignature(req)).toEqual({ ok: true, method: 'sha512' })
    expect((await adapter.parse(req)).kind).toBe('payment')
  })

  it.each(Object.entries(officialNotifications))('the docs’ %s verifies and parses to a status', async (_name, payload) => {
    const req = { body: signedBody(payload), headers: {} }
    expect(await adapter.verifySignature(req)).toEqual({ ok: true, method: 'sha512' })
    expect((await adapter.parse(req)).kind).toBe('payment')
  })
})

describe('midtrans: what the binding cannot tell apart', () => {
  it('a genuine 200 settlement relabelled refund carries the same code and is accepted under signature (the remedy: signature+status)', async () => {
    const body = relabel(signedBody(midtransSamples.completed()), { transaction_status: 'refund' })
    expect((await adapter.verifySignature({ body, headers: {} })).ok).toBe(true)
    expect((await adapter.parse({ body, headers: {} })).status).toBe('refunded')
  })
})
