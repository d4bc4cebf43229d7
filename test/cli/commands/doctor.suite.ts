import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PROVIDERS, type ProviderName } from 'payhooks'
import type { RunningExample } from '../../../examples/shared/create-example-hooks.js'
import { exampleServers, harnessSecrets, startExample } from '../../examples/fixtures/example-servers.js'
import type { CliRun, PackedCli } from '../fixtures/packed-cli.js'
import { acceptsUnsigned, lastWriteWins, refusesTestNotification, type WrongServer } from '../fixtures/wrong-servers.js'

interface Report {
  provider: string
  reference: string
  store: boolean
  passed: boolean
  checks: { id: string; title: string; result: 'pass' | 'fail' | 'skip'; detail: string }[]
}

const TOKEN_PROVIDERS: readonly ProviderName[] = ['azampay', 'refract']

export function doctorSuite(cli: () => PackedCli): void {
  const doctor = (url: string, provider: ProviderName, secret: string, extra: string[] = []) =>
    cli().run(['doctor', url, '--provider', provider, '--secret-env', 'DOCTOR_SECRET', ...extra], { env: { DOCTOR_SECRET: secret } })

  const report = (run: CliRun): Report => JSON.parse(run.stdout) as Report
  const result = (r: Report, id: string) => r.checks.find((c) => c.id === id)

  describe.each(Object.keys(exampleServers))('payhooks doctor against the %s example', (name) => {
    let dir: string
    let running: RunningExample
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), `payhooks-cli-doctor-${name}-`))
      running = await startExample(name, join(dir, 'payhooks.sqlite'))
    })
    afterAll(async () => {
      await running?.close()
      rmSync(dir, { recursive: true, force: true })
    })

    // Every provider on one server; on the others the two acknowledgement forms that differ most.
    const providers = name === 'express' ? PROVIDERS : (['datamart', 'refract'] as const)

    it(`passes every check for ${providers.join(', ')}, each confirmed in the delivery log, on an order of its own`, async () => {
      const store = `sqlite:${join(dir, 'payhooks.sqlite')}`
      const runs = await Promise.all(providers.map((p) => doctor(`${running.url}/webhooks/${p}`, p, harnessSecrets[p], ['--store', store, '--json'])))
      for (const [i, provider] of providers.entries()) {
        const run = runs[i] as CliRun
        expect(run.code, run.stdout + run.stderr).toBe(0)
        expect(run.stdout + run.stderr).not.toContain(harnessSecrets[provider])
        const r = report(run)
        expect(r).toMatchObject({ provider, store: true, passed: true })
        expect(r.reference).toMatch(/^payhooks-doctor-[0-9a-f]{12}$/)
        expect(r.checks.filter((c) => c.result === 'fail')).toEqual([])
        for (const id of ['signed', 'redelivery', 'late']) expect(result(r, id)?.detail).toContain('delivery log:')
        // Token providers sign no body: the tampering check is skipped, saying why.
        expect(result(r, 'tampered')?.result).toBe(TOKEN_PROVIDERS.includes(provider) ? 'skip' : 'pass')
        expect(result(r, 'testNotification')?.result).toBe(provider === 'refract' ? 'pass' : undefined)
        // The doctor's own order ends paid; no real order was touched.
        expect((await running.hooks.record(provider, r.reference))?.status).toBe('completed')
      }
      const references = (await running.hooks.records()).map((record) => record.reference)
      expect(references.every((reference) => reference.startsWith('payhooks-doctor-'))).toBe(true)
    })
  })

  describe.concurrent('payhooks doctor against wrong endpoints', () => {
    const servers: WrongServer[] = []
    let dir: string
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'payhooks-cli-wrong-'))
    })
    afterAll(async () => {
      await Promise.all(servers.map((server) => server.close()))
      rmSync(dir, { recursive: true, force: true })
    })
    const started = async (server: Promise<WrongServer>) => {
      const s = await server
      servers.push(s)
      return s
    }

    it('fails an endpoint that accepts unsigned requests, naming the checks', async () => {
      const server = await started(acceptsUnsigned())
      const run = await doctor(`${server.url}/webhooks/datamart`, 'datamart', 'datamart-secret')
      expect(run.code).toBe(1)
      expect(run.stdout).toMatch(/^✗\s+unsigned request refused \(401\)\s+answered 200 \{"received":true\}: a request that is not signed must be refused with 401/m)
      expect(run.stdout).toMatch(/^✗\s+tampered body refused \(401\)/m)
      expect(run.stdout).toMatch(/^✓\s+signed request accepted/m)
      expect(run.stdout).toContain('failing: unsigned request refused (401); tampered body refused (401)')
    })

    it('fails an endpoint that answers 400 to the test notification', async () => {
      const server = await started(refusesTestNotification('refract-token'))
      const run = await doctor(`${server.url}/webhooks/refract`, 'refract', 'refract-token', ['--json'])
      expect(run.code).toBe(1)
      const r = report(run)
      expect(result(r, 'testNotification')).toMatchObject({ result: 'fail', detail: 'answered 400 {"error":"no order number"}; refract expects 204' })
      expect(r.checks.filter((c) => c.result === 'fail').map((c) => c.id)).toEqual(['testNotification'])
      expect(run.stdout).not.toContain('refract-token')
    })

    it('fails an endpoint that lets a late pending overwrite completed, through its delivery log', async () => {
      const file = join(dir, 'last-write-wins.sqlite')
      const server = await started(lastWriteWins('SB-Mid-server-wrong', file))
      const url = `${server.url}/webhooks/midtrans`
      const confirmed = await doctor(url, 'midtrans', 'SB-Mid-server-wrong', ['--store', `sqlite:${file}`, '--json'])
      expect(confirmed.code).toBe(1)
      const late = result(report(confirmed), 'late')
      expect(late?.result).toBe('fail')
      expect(late?.detail).toContain("the delivery log says 'applied', not 'stale' and the record is 'pending', not 'completed'")
      // From the outside the answers look right: without --store doctor says it could not confirm.
      const unconfirmed = await doctor(url, 'midtrans', 'SB-Mid-server-wrong', ['--json'])
      expect(result(report(unconfirmed), 'late')?.detail).toContain('not applied: unconfirmed without --store')
    })

    it('refuses a Midtrans Client Key before sending anything', async () => {
      const run = await doctor('http://127.0.0.1:9/webhooks/midtrans', 'midtrans', 'SB-Mid-client-doctor')
      expect(run.code).toBe(1)
      expect(run.stdout).toBe('')
      expect(run.stderr).toContain('serverKey is a Client Key, not a Server Key')
      expect(run.stderr).not.toContain('SB-Mid-client-doctor')
    })

    it('fails when nothing listens, and skips the rest', async () => {
      const server = await acceptsUnsigned()
      await server.close()
      const run = await doctor(`${server.url}/webhooks/midtrans`, 'midtrans', 'SB-Mid-server-x', ['--json'])
      expect(run.code).toBe(1)
      const r = report(run)
      expect(result(r, 'reachable')?.result).toBe('fail')
      expect(r.checks.slice(1).every((c) => c.result === 'skip')).toBe(true)
    })
  })
}
