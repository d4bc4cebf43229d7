import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { doctorSuite } from './commands/doctor.suite.js'
import { verifySuite } from './commands/verify.suite.js'
import { operatorSuite } from './commands/operator.suite.js'
import { sendSuite } from './commands/send.suite.js'
import { terminalSuite } from './output/terminal.suite.js'
import { packCli, type PackedCli } from './fixtures/packed-cli.js'

// The real `payhooks` executable from the packed tarball (build first: `npx tsup`; `npm test` does).
// Packed once here; each command's suite lives beside it in commands/.
let packed: PackedCli
const cli = () => packed

beforeAll(() => {
  packed = packCli()
}, 120_000)
afterAll(() => packed?.remove())

describe('payhooks', () => {
  it('lists its commands with --help', async () => {
    const run = await cli().run(['--help'])
    expect(run.code).toBe(0)
    for (const command of ['doctor', 'send', 'verify', 'deliveries', 'records', 'outbox', 'reconcile', 'replay']) expect(run.stdout).toMatch(new RegExp(`^  ${command} `, 'm'))
  })

  it('refuses an unknown flag (exit 2) instead of ignoring it', async () => {
    const run = await cli().run(['send', 'datamart', 'http://127.0.0.1:9/', '--stauts', 'completed'])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain("Unknown option '--stauts'")
  })
})

doctorSuite(cli)
verifySuite(cli)
operatorSuite(cli)
sendSuite(cli)
terminalSuite(cli)
