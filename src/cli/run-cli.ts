import { parseArgs } from 'node:util'
import { isWebhookError } from '../core/webhook-error.js'
import { EXIT, UsageError, type Command } from './command.js'
import { deliveriesCommand } from './commands/deliveries.js'
import { doctorCommand } from './commands/doctor.js'
import { outboxCommand } from './commands/outbox.js'
import { reconcileCommand } from './commands/reconcile.js'
import { recordsCommand } from './commands/records.js'
import { replayCommand } from './commands/replay.js'
import { sendCommand } from './commands/send.js'
import { verifyCommand } from './commands/verify.js'
import type { CliIo } from './io.js'
import { createOutput } from './output/output.js'

const COMMANDS: readonly Command[] = [doctorCommand, sendCommand, verifyCommand, deliveriesCommand, recordsCommand, outboxCommand, reconcileCommand, replayCommand]

const COMMON_OPTIONS = { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length))
  return `payhooks: payment webhooks, checked and operated from the command line

Usage: payhooks <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Every command takes --json (one JSON document on stdout) and --help.
Exit codes: 0 everything checked passed, 1 something failed, 2 the command was called wrong.
`
}

/** Runs `payhooks <argv…>` and resolves with the exit code; never throws. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(help())
    return name === undefined ? EXIT.usage : EXIT.ok
  }
  const command = COMMANDS.find((c) => c.name === name)
  if (command === undefined) {
    io.stderr.write(`payhooks: unknown command ${JSON.stringify(name)}.\n\n${help()}`)
    return EXIT.usage
  }
  let parsed
  try {
    // strict: an unknown or misspelt flag is refused, never silently ignored.
    parsed = parseArgs({ args: [...rest], options: { ...command.options, ...COMMON_OPTIONS }, allowPositionals: true, strict: true })
  } catch (error) {
    io.stderr.write(`payhooks ${command.name}: ${(error as Error).message}\nSee: payhooks ${command.name} --help\n`)
    return EXIT.usage
  }
  if (parsed.values.help === true) {
    io.stdout.write(`Usage: ${command.usage}\n`)
    return EXIT.ok
  }
  const out = createOutput(io, parsed.values.json === true)
  try {
    return await command.run({ values: parsed.values, positionals: parsed.positionals, io, out })
  } catch (error) {
    if (error instanceof UsageError) {
      out.warn(`payhooks ${command.name}: ${error.message}\nSee: payhooks ${command.name} --help`)
      return EXIT.usage
    }
    const hint = isWebhookError(error) && error.hint !== undefined ? `\n  ${error.hint}` : ''
    out.warn(`payhooks ${command.name}: ${error instanceof Error ? error.message : String(error)}${hint}`)
    return EXIT.failed
  }
}
