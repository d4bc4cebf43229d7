import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sqliteStore } from 'payhooks/stores/sqlite'
import { fakeStatusApis, serveFetchHandler, type ServedHandler } from 'payhooks/testing'
import { OPERATOR_CONFIG } from '../fixtures/operator-config.js'
import { SERVER_KEY, tellStory, type Story } from '../fixtures/operator-story.js'
import type { PackedCli } from '../fixtures/packed-cli.js'

const run = promisify(execFile)
const ESC = '\u001b'
const quote = (arg: string) => `'${arg.replaceAll("'", `'\\''`)}'`

// Through a real pseudo-terminal (util-linux `script`), as a person at a terminal sees it: colours,
// the reconcile progress bar redrawn in place, the aligned tables.
export function terminalSuite(cli: () => PackedCli): void {
  describe('payhooks in a terminal', () => {
    let dir: string
    let story: Story
    let statusApi: ServedHandler
    let env: Record<string, string>
    const file = () => join(dir, 'tty.sqlite')

    /** Runs the bin with a pty as its stdout: `script -qfec <command> /dev/null`, -e for the command's exit code. */
    async function inPty(args: string[], extraEnv: Record<string, string> = {}): Promise<string> {
      const { NO_COLOR: _noColor, ...inherited } = process.env
      const command = [cli().bin, ...args].map(quote).join(' ')
      const { stdout } = await run('script', ['-qfec', command, '/dev/null'], { cwd: cli().project, env: { ...inherited, ...env, ...extraEnv }, encoding: 'utf8' })
      return stdout
    }

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'payhooks-cli-tty-'))
      story = await tellStory(() => sqliteStore({ filename: file() }), 'tty')
      // Three more orders waiting, so the bar has steps to draw.
      const store = sqliteStore({ filename: file() })
      for (const n of [1, 2, 3]) await store.expect({ provider: 'midtrans', reference: `CLI-TTY-${n}` })
      await store.close()
      const fake = fakeStatusApis.midtrans({ serverKey: SERVER_KEY })
      for (const reference of [story.stuck, 'CLI-TTY-1', 'CLI-TTY-2', 'CLI-TTY-3']) {
        fake.setTransaction({ order_id: reference, status_code: '200', transaction_status: 'settlement', gross_amount: '10000.00', fraud_status: 'accept' })
      }
      statusApi = await serveFetchHandler(fake.fetch)
      writeFileSync(join(cli().project, 'tty.config.ts'), OPERATOR_CONFIG)
      env = { SHOP_STORE: `sqlite:${file()}`, MIDTRANS_SERVER_KEY: SERVER_KEY, MIDTRANS_STATUS_URL: statusApi.url, SHOP_NOTIFIED: join(dir, 'notified.txt') }
    })
    afterAll(async () => {
      await statusApi?.close()
      rmSync(dir, { recursive: true, force: true })
    })

    it('draws the records table aligned, its header dimmed', async () => {
      const screen = await inPty(['records', '--store', `sqlite:${file()}`])
      const lines = screen.split('\r\n')
      expect(lines[0]).toMatch(new RegExp(`^${ESC}\\[2mprovider  reference +status +provider status +expected +updated${ESC}\\[0m$`))
      const columns = (line: string) => line.indexOf('pending') >= 0 ? line.indexOf('pending') : line.indexOf('completed')
      const rows = lines.slice(1).filter((line) => line.startsWith('midtrans'))
      expect(rows).toHaveLength(5)
      expect(new Set(rows.map(columns)).size).toBe(1)
    })

    it('redraws one progress bar in place while reconciling, then prints the summary', async () => {
      const screen = await inPty(['reconcile', '--config', 'tty.config.ts', '--older-than', '0s'])
      const frames = screen.split(`\r${ESC}[2K`).slice(1)
      expect(frames).toHaveLength(4)
      // Each frame: a green part of 24 cells, the dimmed rest, done/total, the record and its outcome.
      const bar = new RegExp(`^${ESC}\\[32m(█*)${ESC}\\[0m${ESC}\\[2m(░*)${ESC}\\[0m (\\d)/(\\d)  midtrans CLI-\\S+ applied`)
      const parsed = frames.map((frame) => bar.exec(frame))
      expect(parsed.every((m) => m !== null && (m[1] as string).length + (m[2] as string).length === 24)).toBe(true)
      expect(parsed.map((m) => m?.[3])).toEqual(['1', '2', '3', '4'])
      expect((parsed[3]?.[1] as string).length).toBe(24)
      expect(frames[3]).toMatch(/applied\r\nchecked 4 · applied 4 · unchanged 0 · notFound 0 · unsupported 0 · failed 0\r\n$/)
    })

    it('prints no colour codes when NO_COLOR is set, even on a terminal', async () => {
      const screen = await inPty(['records', '--store', `sqlite:${file()}`], { NO_COLOR: '1' })
      expect(screen).not.toContain(ESC)
      expect(screen).toMatch(/^provider {2}reference/)
    })
  })
}
