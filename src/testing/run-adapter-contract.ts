import { WebhookError } from '../core/webhook-error.js'
import { assertEqual, assertTrue, rejectsWith, throwsWith, type TestApi } from './assert.js'
import { toRequest, type ProviderTestKit } from '../core/test-kit.js'

const SECRET = 'contract-secret-7f3a9c'
const OLD_SECRET = 'contract-secret-old-21b8'

/**
 * The behaviour every adapter must show, whatever its provider. Run it with your test runner:
 * `runAdapterContract(myKit, { describe, it })`.
 */
export function runAdapterContract(kit: ProviderTestKit, { describe, it }: TestApi): void {
  const sign = (name: 'completed' | 'failed', secret = SECRET) => {
    const build = kit.samples[name]
    assertTrue(build, `the ${kit.provider} kit has no '${name}' sample`)
    return kit.sign(build(), { secret })
  }

  describe(`${kit.provider} adapter contract`, () => {
    it('is named after its provider and exposes its wire schema', () => {
      const adapter = kit.createAdapter([SECRET])
      assertEqual(adapter.name, kit.provider, 'adapter.name')
      assertTrue(typeof (adapter.schema as { safeParse?: unknown }).safeParse === 'function', 'adapter.schema is a zod schema')
    })

    it('refuses to be created without a secret, and refuses a secret with whitespace', () => {
      throwsWith(() => kit.createAdapter([]), 'SECRET_MISSING', 'no secret')
      throwsWith(() => kit.createAdapter([` ${SECRET}\n`]), 'SECRET_INVALID', 'whitespace around the secret')
    })

    it('verifies a correctly signed delivery and parses it into a status event', async () => {
      const adapter = kit.createAdapter([SECRET])
      const req = toRequest(await sign('completed'))
      const verdict = await adapter.verifySignature(req)
      assertTrue(verdict.ok, `a correctly signed delivery verifies (${verdict.ok ? '' : verdict.error.message})`)
      const event = await adapter.parse(req)
      assertEqual(event.provider, kit.provider, 'event.provider')
      assertEqual(event.status, 'completed', 'the completed sample normalizes to completed')
      assertEqual(event.type, `${event.kind}.completed`, 'event.type is kind.status')
      assertTrue(typeof event.reference === 'string' && event.reference !== '', 'event.reference is set')
    })

    it('gives identical redeliveries one id and a different status another', async () => {
      const adapter = kit.createAdapter([SECRET])
      const first = await adapter.parse(toRequest(await sign('completed')))
      const again = await adapter.parse(toRequest(await sign('completed')))
      const failed = await adapter.parse(toRequest(await sign('failed')))
      assertEqual(again.id, first.id, 'redelivery id')
      assertTrue(failed.id !== first.id, 'a different status gets a different id')
      assertEqual(failed.status, 'failed', 'the failed sample normalizes to failed')
    })

    it('rejects a wrong secret with 401 SIGNATURE_MISMATCH that never shows a secret', async () => {
      const adapter = kit.createAdapter([SECRET])
      const verdict = await adapter.verifySignature(toRequest(await sign('completed', 'not-the-secret')))
      assertTrue(!verdict.ok, 'a delivery signed with another secret is refused')
      assertEqual(verdict.error.code, 'SIGNATURE_MISMATCH', 'error code')
      assertEqual(verdict.error.status, 401, 'HTTP status')
      assertTrue(verdict.error instanceof WebhookError, 'a WebhookError')
      const text = `${verdict.error.message} ${verdict.error.hint}`
      assertTrue(!text.includes(SECRET) && !text.includes('not-the-secret'), 'no secret in the error')
    })

    it('rejects a delivery without a signature with 401 SIGNATURE_MISSING', async () => {
      const verdict = await kit.createAdapter([SECRET]).verifySignature(toRequest(kit.strip(await sign('completed'))))
      assertTrue(!verdict.ok, 'an unsigned delivery is refused')
      assertEqual(verdict.error.code, 'SIGNATURE_MISSING', 'error code')
      assertEqual(verdict.error.status, 401, 'HTTP status')
    })

    if (kit.signsBody) {
      it('rejects a tampered body', async () => {
        const verdict = await kit.createAdapter([SECRET]).verifySignature(toRequest(kit.tamper(await sign('completed'))))
        assertTrue(!verdict.ok, 'a tampered delivery is refused')
        assertEqual(verdict.error.code, 'SIGNATURE_MISMATCH', 'error code')
      })
    }

    it('accepts the previous secret during rotation', async () => {
      const verdict = await kit.createAdapter(['contract-secret-new-55e0', OLD_SECRET]).verifySignature(
        toRequest(await sign('completed', OLD_SECRET)),
      )
      assertTrue(verdict.ok, 'signed with the old secret, verified with [new, old]')
    })

    it('reads headers from a Headers instance and in any case', async () => {
      const adapter = kit.createAdapter([SECRET])
      const signed = await sign('completed')
      const upper = Object.fromEntries(Object.entries(signed.headers).map(([k, v]) => [k.toUpperCase(), v]))
      assertTrue((await adapter.verifySignature({ ...toRequest(signed), headers: new Headers(signed.headers) })).ok, 'Headers instance')
      assertTrue((await adapter.verifySignature({ ...toRequest(signed), headers: upper })).ok, 'upper-case header names')
      const bytes = new TextEncoder().encode(signed.body)
      assertTrue((await adapter.verifySignature(toRequest(signed, bytes))).ok, 'a Uint8Array body')
    })

    it('refuses a parsed object as body with PAYLOAD_NOT_RAW and a hint', async () => {
      const signed = await sign('completed')
      const parsed = JSON.parse(signed.body) as unknown as string
      const error = await rejectsWith(kit.createAdapter([SECRET]).parse(toRequest(signed, parsed)), 'PAYLOAD_NOT_RAW', 'parsed body')
      assertTrue((error as WebhookError).hint.includes('raw'), 'the hint explains how to get the raw body')
    })

    it('answers invalid JSON with 400 PAYLOAD_INVALID_JSON', async () => {
      const signed = await sign('completed')
      const error = await rejectsWith(
        kit.createAdapter([SECRET]).parse(toRequest(signed, signed.body.slice(0, -1))),
        'PAYLOAD_INVALID_JSON',
        'truncated JSON',
      )
      assertEqual((error as WebhookError).status, 400, 'HTTP status')
    })

    it('answers a schema failure with 400 PAYLOAD_INVALID naming the failing path', async () => {
      const signed = await kit.sign(kit.invalidPayload.payload, { secret: SECRET })
      const error = await rejectsWith(kit.createAdapter([SECRET]).parse(toRequest(signed)), 'PAYLOAD_INVALID', 'schema failure')
      assertEqual((error as WebhookError).path, kit.invalidPayload.path, 'failing path')
      assertEqual((error as WebhookError).status, 400, 'HTTP status')
    })

    it('tolerates fields it does not know', async () => {
      const build = kit.samples.completed
      assertTrue(build, 'completed sample')
      const signed = await kit.sign({ ...build(), payhooks_future_field: { nested: [1, 2] } }, { secret: SECRET })
      const adapter = kit.createAdapter([SECRET])
      assertTrue((await adapter.verifySignature(toRequest(signed))).ok, 'verifies with an extra field')
      assertEqual((await adapter.parse(toRequest(signed))).status, 'completed', 'parses with an extra field')
    })

    it('acknowledges every handled outcome with 2xx', () => {
      const adapter = kit.createAdapter([SECRET])
      for (const outcome of ['applied', 'duplicate', 'stale', 'suspicious', 'test', 'unknown'] as const) {
        const { status } = adapter.ack(outcome)
        assertTrue(status >= 200 && status < 300, `ack('${outcome}') is 2xx, got ${status}`)
      }
    })
  })
}
