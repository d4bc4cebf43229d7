import { execFile } from 'node:child_process'
import { resolve } from 'node:path'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'

// `npm run demo` is the README's first command: what it prints is what it claims payhooks did.
const root = resolve(import.meta.dirname, '../..')
let output = ''

beforeAll(async () => {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'examples/demo.ts'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 90_000,
  })
  output = stdout
}, 120_000)

const line = (pattern: RegExp) => output.split('\n').find((l) => pattern.test(l)) ?? ''

describe('npm run demo', () => {
  it('answers the scripted day as payhooks promises: stale late pending, duplicate redelivery, money wins, test notification, forgery refused', () => {
    expect(line(/the late pending/)).toMatch(/200\s+stale/)
    expect(line(/same payment redelivered/)).toMatch(/200\s+duplicate/)
    expect(line(/the retry is paid/)).toMatch(/200\s+applied\s+completed/)
    expect(line(/Test Notification/)).toMatch(/204\s+test/)
    expect(line(/Forged/)).toMatch(/401\s+rejected.*SIGNATURE_MISMATCH/)
  })

  it('recovers the lost webhook with one status call, and the late one is a duplicate', () => {
    expect(line(/hooks\.reconcile\(\)/)).toMatch(/applied 1, .*\(1 call to GET .*\) → completed/)
    expect(line(/late settlement webhook/)).toMatch(/duplicate$/)
  })

  it('replays the delivery the database failed and retries the dead letter from the console', () => {
    expect(line(/Database outage/)).toMatch(/answered 503 STORE_UNAVAILABLE/)
    expect(line(/console Replay/)).toMatch(/→ applied; the record is completed/)
    expect(line(/CRM down/)).toMatch(/1 dead letter/)
    expect(line(/console Retry all/)).toMatch(/1 requeued; the CRM received: .*GN-OUTAGE01 → refunded/)
  })

  it('runs the command line: doctor passes every check, the delivery log shows the 503, the replay and the refund', () => {
    expect(output).toMatch(/6 passed, 0 failed, 0 skipped/)
    const log = output.slice(output.indexOf('$ payhooks deliveries'))
    expect(log).toMatch(/replay\s+applied\s+GN-OUTAGE01/)
    expect(log).toMatch(/webhook\s+rejected STORE_UNAVAILABLE\s+GN-OUTAGE01/)
  })

  it('sends one SMS per change, and never prints a secret', () => {
    expect(output.match(/GN-OUTAGE01: new → completed/g)).toHaveLength(1)
    expect(output.match(/ORDER-2026-0301-LOST: pending → completed/g)).toHaveLength(1)
    for (const secret of ['datamart-local-dev-secret', 'SB-Mid-server-local-dev-key', 'refract-local-dev-token', 'clickpesa-local-dev-checksum-key', 'azampay-local-dev-token']) {
      expect(output).not.toContain(secret)
    }
  })
})
