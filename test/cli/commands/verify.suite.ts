import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ProviderName } from 'payhooks'
import { samples, signWebhook, type SamplePayload, type SignedWebhook } from 'payhooks/testing'
import type { PackedCli } from '../fixtures/packed-cli.js'

interface VerifyJson {
  verified: boolean
  error?: { code: string }
  diagnoses: { code: string; problem: string; fix: string; confirmed: boolean }[]
}

const MIDTRANS_SANDBOX = 'SB-Mid-server-verify-sandbox'
const MIDTRANS_PRODUCTION = 'Mid-server-verify-production'
const DATAMART = 'datamart-verify-secret'
const CLICKPESA = 'clickpesa-verify-checksum'

// Each case is a request the provider's test kit signed from a documented sample, then given exactly one fault.
export function verifySuite(cli: () => PackedCli): void {
  // Independent runs of the bin: concurrent, so the spawns overlap.
  describe.concurrent('payhooks verify', () => {
    let dir: string
    let files = 0
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'payhooks-cli-verify-'))
    })
    afterAll(() => rmSync(dir, { recursive: true, force: true }))

    async function verify(provider: ProviderName, request: { body: string; headers?: Record<string, string>; url?: string }, secret: string) {
      const file = join(dir, `body-${files++}.json`)
      writeFileSync(file, request.body)
      const headers = Object.entries(request.headers ?? {}).flatMap(([name, value]) => ['--header', `${name}: ${value}`])
      const run = await cli().run(['verify', provider, '--body', file, ...headers, ...(request.url ? ['--url', request.url] : []), '--secret-env', 'VERIFY_SECRET', '--json'], {
        env: { VERIFY_SECRET: secret },
      })
      expect(`${run.stdout}${run.stderr}`).not.toContain(secret.trim().replace(/^"|"$/g, ''))
      return { code: run.code, report: JSON.parse(run.stdout) as VerifyJson }
    }
    const sign = (provider: ProviderName, payload: SamplePayload, secret: string, options: Record<string, unknown> = {}) => signWebhook(provider, payload, { secret, ...options })
    const codes = (report: VerifyJson) => report.diagnoses.map((d) => `${d.code}${d.confirmed ? '' : '?'}`)
    const midtransBody = (signed: SignedWebhook) => JSON.parse(signed.body) as Record<string, unknown>

    it('verifies an untouched request (exit 0, no diagnosis)', async () => {
      const { code, report } = await verify('datamart', await sign('datamart', samples.datamart.completed(), DATAMART), DATAMART)
      expect(code).toBe(0)
      expect(report).toMatchObject({ verified: true, diagnoses: [] })
    })

    it('secret with whitespace: confirmed, and the fix says to trim it', async () => {
      const { code, report } = await verify('datamart', await sign('datamart', samples.datamart.completed(), DATAMART), `${DATAMART}\n`)
      expect(code).toBe(1)
      expect(codes(report)).toEqual(['secret-whitespace'])
      expect(report.diagnoses[0]?.problem).toContain('trimmed, it verifies')
      expect(report.diagnoses[0]?.fix).toContain('Trim it')
    })

    it('secret in quotes: confirmed by verifying without them', async () => {
      const { report } = await verify('clickpesa', await sign('clickpesa', samples.clickpesa.completed(), CLICKPESA), `"${CLICKPESA}"`)
      expect(codes(report)).toEqual(['secret-quotes'])
      expect(report.diagnoses[0]?.fix).toContain('Remove the quotes')
    })

    it('Midtrans Client Key in place of the Server Key', async () => {
      const { report } = await verify('midtrans', await sign('midtrans', samples.midtrans.completed(), MIDTRANS_SANDBOX), 'SB-Mid-client-verify-client')
      expect(report.error?.code).toBe('SECRET_INVALID')
      expect(codes(report)).toEqual(['midtrans-client-key'])
      expect(report.diagnoses[0]?.fix).toContain('Server Key')
    })

    it('a production notification (from a production source IP) checked with a sandbox key, and the reverse', async () => {
      const production = await sign('midtrans', samples.midtrans.completed(), MIDTRANS_PRODUCTION)
      const fromProduction = await verify('midtrans', { ...production, headers: { ...production.headers, 'x-forwarded-for': '103.208.23.6' } }, MIDTRANS_SANDBOX)
      expect(codes(fromProduction.report)).toEqual(['midtrans-sandbox-key'])
      expect(fromProduction.report.diagnoses[0]?.fix).toContain('production Server Key (Mid-server-…)')

      const sandbox = await sign('midtrans', samples.midtrans.completed(), MIDTRANS_SANDBOX)
      const fromSandbox = await verify('midtrans', { ...sandbox, headers: { ...sandbox.headers, 'x-forwarded-for': '103.58.103.177' } }, MIDTRANS_PRODUCTION)
      expect(codes(fromSandbox.report)).toEqual(['midtrans-production-key'])
      expect(fromSandbox.report.diagnoses[0]?.fix).toContain('sandbox Server Key (SB-Mid-server-…)')

      // Without a source address it is only a likely cause.
      const unknown = await verify('midtrans', sandbox, MIDTRANS_PRODUCTION)
      expect(codes(unknown.report)).toEqual(['midtrans-production-key?'])
    })

    it('gross_amount re-serialized ("10000.00" → 10000): confirmed by restoring it', async () => {
      const signed = await sign('midtrans', samples.midtrans.completed(), MIDTRANS_SANDBOX)
      const reparsed = JSON.stringify({ ...midtransBody(signed), gross_amount: 10000 })
      const { report } = await verify('midtrans', { ...signed, body: reparsed }, MIDTRANS_SANDBOX)
      expect(codes(report)).toEqual(['midtrans-gross-amount-reserialized'])
      expect(report.diagnoses[0]?.problem).toContain('"10000.00"')
    })

    it('a status that disagrees with the signed status_code (a pending relabelled settlement)', async () => {
      const signed = await sign('midtrans', samples.midtrans.pending(), MIDTRANS_SANDBOX)
      const relabelled = JSON.stringify({ ...midtransBody(signed), transaction_status: 'settlement' })
      const { report } = await verify('midtrans', { ...signed, body: relabelled }, MIDTRANS_SANDBOX)
      expect(codes(report)).toEqual(['midtrans-status-code-mismatch'])
      expect(report.diagnoses[0]?.problem).toContain('"settlement" disagrees with the signed status_code "201"')
    })

    it('a pretty-printed body: verified only once compacted, so a warning (exit 0)', async () => {
      const signed = await sign('datamart', samples.datamart.completed(), DATAMART)
      const { code, report } = await verify('datamart', { ...signed, body: JSON.stringify(JSON.parse(signed.body), null, 2) }, DATAMART)
      expect(code).toBe(0)
      expect(codes(report)).toEqual(['body-reserialized'])
    })

    it('a pretty-printed body whose keys were also reordered: a likely cause', async () => {
      const signed = await sign('datamart', samples.datamart.completed(), DATAMART)
      const { event, ...rest } = JSON.parse(signed.body) as Record<string, unknown>
      const { code, report } = await verify('datamart', { ...signed, body: JSON.stringify({ ...rest, event }, null, 2) }, DATAMART)
      expect(code).toBe(1)
      expect(codes(report)).toEqual(['body-reserialized?'])
      expect(report.diagnoses[0]?.problem).toContain('pretty-printed')
    })

    it('a parsed object passed as the body ("[object Object]")', async () => {
      const signed = await sign('datamart', samples.datamart.completed(), DATAMART)
      const { report } = await verify('datamart', { ...signed, body: String(JSON.parse(signed.body)) }, DATAMART)
      expect(codes(report)).toEqual(['body-parsed-object'])
    })

    it('ClickPesa legacy checksum against the canonical default', async () => {
      const signed = await sign('clickpesa', samples.clickpesa.completed(), CLICKPESA, { checksumMethod: 'legacy' })
      const { report } = await verify('clickpesa', signed, CLICKPESA)
      expect(codes(report)).toEqual(['clickpesa-legacy-checksum'])
      expect(report.diagnoses[0]?.fix).toContain("checksumMethod: 'auto'")
    })

    it('the signature in the wrong header', async () => {
      const signed = await sign('datamart', samples.datamart.completed(), DATAMART)
      const { 'x-datamart-signature': signature, ...rest } = signed.headers
      const { report } = await verify('datamart', { ...signed, headers: { ...rest, 'x-signature': signature as string } }, DATAMART)
      expect(codes(report)).toEqual(['signature-wrong-header'])
      expect(report.diagnoses[0]?.problem).toContain('x-signature header')
      expect(report.diagnoses[0]?.fix).toContain('X-DataMart-Signature')
    })

    it('prints the diagnosis and fix for people, reading the body from stdin', async () => {
      const signed = await sign('midtrans', samples.midtrans.completed(), MIDTRANS_SANDBOX)
      const run = await cli().run(['verify', 'midtrans', '--body', '-', '--secret', MIDTRANS_SANDBOX], { stdin: JSON.stringify({ ...midtransBody(signed), gross_amount: 10000 }) })
      expect(run.code).toBe(1)
      expect(run.stdout).toMatch(/^✗ not verified: PAYLOAD_INVALID: The Midtrans notification's gross_amount is a number/m)
      expect(run.stdout).toMatch(/^ {2}✗ gross_amount is 10000, not the two-decimal string/m)
      expect(run.stdout).toMatch(/^ {4}fix: Hand payhooks the raw body/m)
      expect(run.stderr).toContain('warning: a secret passed with --secret is visible')
      expect(run.stdout + run.stderr).not.toContain(MIDTRANS_SANDBOX)
    })
  })
}
