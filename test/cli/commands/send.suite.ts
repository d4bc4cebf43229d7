import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningExample } from '../../../examples/shared/create-example-hooks.js'
import { harnessSecrets, startExample } from '../../examples/fixtures/example-servers.js'
import type { PackedCli } from '../fixtures/packed-cli.js'

export function sendSuite(cli: () => PackedCli): void {
  describe('payhooks send', () => {
    let dir: string
    let running: RunningExample
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'payhooks-cli-send-'))
      running = await startExample('express', join(dir, 'payhooks.sqlite'))
    })
    afterAll(async () => {
      await running?.close()
      rmSync(dir, { recursive: true, force: true })
    })
    const send = (args: string[], secret: string) => cli().run(['send', ...args, '--secret-env', 'SEND_SECRET'], { env: { SEND_SECRET: secret } })

    it('posts the documented sample, signed, with the reference and amount given', async () => {
      const run = await send(['datamart', `${running.url}/webhooks/datamart`, '--status', 'completed', '--reference', 'GN-SEND-1', '--amount', '42.50'], harnessSecrets.datamart)
      expect(run.code, run.stderr).toBe(0)
      expect(run.stdout).toBe(`→ POST ${running.url}/webhooks/datamart  datamart completed, reference GN-SEND-1\n← 200 {"received":true}  ✓ acknowledged as datamart expects\n`)
      expect(await running.hooks.record('datamart', 'GN-SEND-1')).toMatchObject({ status: 'completed' })
      const [delivery] = await running.hooks.deliveries({ reference: 'GN-SEND-1' })
      expect(delivery?.body).toContain('"price":42.5')
    })

    it('puts a token provider’s token in the URL, and never prints it', async () => {
      const run = await send(['refract', `${running.url}/webhooks/refract`, '--reference', 'BBY01-SEND-2', '--json'], harnessSecrets.refract)
      expect(run.code).toBe(0)
      expect(JSON.parse(run.stdout)).toMatchObject({ status: 204, acknowledged: true, expectedForm: true, reference: 'BBY01-SEND-2' })
      expect(run.stdout + run.stderr).not.toContain(harnessSecrets.refract)
      expect(await running.hooks.record('refract', 'BBY01-SEND-2')).toMatchObject({ status: 'completed' })
    })

    it('exits 1 when the endpoint refuses it (wrong secret), 2 for a sample the kit lacks', async () => {
      const refused = await send(['midtrans', `${running.url}/webhooks/midtrans`, '--reference', 'SEND-3'], 'SB-Mid-server-not-the-key')
      expect(refused.code).toBe(1)
      expect(refused.stdout).toContain('← 401 SIGNATURE_MISMATCH  ✗ not acknowledged')
      const unknown = await send(['midtrans', `${running.url}/webhooks/midtrans`, '--status', 'paid'], harnessSecrets.midtrans)
      expect(unknown.code).toBe(2)
      expect(unknown.stderr).toContain('midtrans has no sample named "paid": use one of capture, challenge, pending, completed')
    })
  })
}
