import type { ParseArgsConfig } from 'node:util'
import type { CliIo } from './io.js'
import type { Output } from './output/output.js'

export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>

export interface CommandInput {
  values: OptionValues
  positionals: string[]
  io: CliIo
  out: Output
}

/** One `payhooks <name>` subcommand. `run` resolves with the exit code. */
export interface Command {
  name: string
  summary: string
  /** The usage lines shown by `payhooks <name> --help`. */
  usage: string
  options: NonNullable<ParseArgsConfig['options']>
  run(input: CommandInput): Promise<number>
}

/** A mistake in how the command was called: printed with the usage, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError'
}

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const

export function stringOption(values: OptionValues, name: string): string | undefined {
  const value = values[name]
  return typeof value === 'string' ? value : undefined
}

export function stringsOption(values: OptionValues, name: string): string[] {
  const value = values[name]
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
}

export function requireOption(values: OptionValues, name: string): string {
  const value = stringOption(values, name)
  if (value === undefined || value === '') throw new UsageError(`--${name} is required.`)
  return value
}

export function positional(positionals: readonly string[], index: number, what: string): string {
  const value = positionals[index]
  if (value === undefined) throw new UsageError(`Missing ${what}.`)
  return value
}
