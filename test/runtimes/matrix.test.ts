import { beforeAll, describe, expect, it } from 'vitest'
import { testKits } from '../../src/providers/test-kits.js'
import type { HttpNotifierBody } from '../../src/notifiers/index.js'
import { verifyStandardWebhook } from '../notifiers/verify-standard-webhook.js'
import { waitFor } from '../notifiers/wait-for.js'
import { startReceiver } from '../notifiers/webhook-receiver.js'
import { packedProject } from '../package/packed-project.js'
import { readmeRuntimeRows } from './fixtures/readme-runtimes.js'
import { installScenario, runRuntime, type ScenarioReport } from './fixtures/run-runtime.js'
import { describeEntries, runtimes, type Runtime } from './fixtures/runtimes.js'

// The packed package in a project of its own, run by every runtime the README names, all at once
// (each waits mostly on its own start-up). Every runtime has its own receiver for its notification.
const SIGNING_SECRET = `whsec_${Buffer.from('payhooks-runtime-matrix-key').toString('base64')}`
const NOTIFY_BOUND_MS = 15_000

interface Outcome {
  report: ScenarioReport
  receiver: Awaited<ReturnType<typeof startReceiver>>
}
const outcomes = new Map<string, Outcome>()
const failures = new Map<string, unknown>()

beforeAll(async () => {
  const project = packedProject('runtimes')
  installScenario(project)
  await Promise.all(
    runtimes.map(async (runtime) => {
      const receiver = await startReceiver()
      try {
        outcomes.set(runtime.name, { receiver, report: await runRuntime(runtime, project, { receiverUrl: receiver.url, signingSecret: SIGNING_SECRET }) })
      } catch (error) {
        failures.set(runtime.name, error)
      }
    }),
  )
}, 90_000)

function outcomeOf(runtime: Runtime): Outcome {
  const outcome = outcomes.get(runtime.name)
  if (outcome === undefined) throw failures.get(runtime.name) ?? new Error(`${runtime.name} did not run`)
  return outcome
}

const readmeRows = readmeRuntimeRows()

describe.each(runtimes)('$name', (runtime) => {
  it('imports every public entry that runs there, each with exports', () => {
    const { report } = outcomeOf(runtime)
    expect(Object.keys(report.entries).sort()).toEqual([...runtime.entries].sort())
    for (const count of Object.values(report.entries)) expect(count).toBeGreaterThan(0)
  })

  it('verifies a signed sample of every provider and refuses a tampered one', () => {
    const { report } = outcomeOf(runtime)
    expect(Object.keys(report.providers).sort()).toEqual(Object.keys(testKits).sort())
    for (const [provider, result] of Object.entries(report.providers)) {
      expect(result.tamperedBody).toContain('SIGNATURE_MISMATCH')
      expect({ provider, ...result }).toMatchObject({ provider, factory: 'function', tampered: 401, tamperedCode: 'SIGNATURE_MISMATCH', recorded: 'completed' })
      expect(result.genuine).toBeGreaterThanOrEqual(200)
      expect(result.genuine).toBeLessThan(300)
    }
    // The scenario's secrets (rt-<provider>-secret-…, the signing key) stay out of the refusals it got.
    expect(JSON.stringify(report)).not.toMatch(/secret-|whsec_/)
  })

  it('answers a delivery through hooks.fetch and notifies it once, signed', async () => {
    const { report, receiver } = outcomeOf(runtime)
    expect(report.delivery.status).toBe(200)
    await waitFor(() => receiver.received.length > 0, `${runtime.name}'s notification`, NOTIFY_BOUND_MS)
    expect(receiver.received).toHaveLength(1)
    const [request] = receiver.received
    expect(request !== undefined && verifyStandardWebhook(request, SIGNING_SECRET)).toBe(true)
    const body = JSON.parse(request?.body ?? '{}') as HttpNotifierBody
    expect(body).toMatchObject({ type: 'transition.applied', data: { to: 'completed', record: { provider: report.delivery.provider } } })
    await receiver.close()
  })

  it('is the version, loads the crypto build and the entries the README table says', () => {
    const { report } = outcomeOf(runtime)
    const row = readmeRows.find((candidate) => candidate.runtime === runtime.name)
    expect(row, `README.md's Runtimes table has no row "${runtime.name}"`).toBeDefined()
    expect({ build: report.cryptoBuild, entries: describeEntries(Object.keys(report.entries)) }).toEqual({ build: row?.build, entries: row?.entries })
    expect(`${report.version}.`.startsWith(`${row?.version ?? '?'}.`), `${runtime.name} ran ${report.version}; README says ${row?.version}`).toBe(true)
  })
})

describe("README.md's Runtimes table", () => {
  it('names exactly the runtimes the matrix runs (under Node 22 or 24, Node 20 is the one it cannot run)', () => {
    const names = runtimes.map((runtime) => runtime.name)
    const expected = names.includes('Node 20') ? names : ['Node 20', ...names]
    expect(readmeRows.map((row) => row.runtime).sort()).toEqual(expected.sort())
  })
})
