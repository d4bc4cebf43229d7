import { existsSync } from 'node:fs'
import { extname, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { createPayhooks, type Payhooks, type PayhooksOptions } from '../create-payhooks.js'
import { UsageError } from './command.js'

/** Looked for in the working directory, in this order, when --config is not given. */
export const CONFIG_FILES = ['payhooks.config.ts', 'payhooks.config.mts', 'payhooks.config.mjs', 'payhooks.config.js'] as const

const TYPESCRIPT = new Set(['.ts', '.mts', '.cts'])

export function findConfig(cwd: string, given: string | undefined): string | undefined {
  if (given !== undefined) {
    const file = resolve(cwd, given)
    if (!existsSync(file)) throw new UsageError(`No config file at ${file} (from --config).`)
    return file
  }
  return CONFIG_FILES.map((name) => resolve(cwd, name)).find((file) => existsSync(file))
}

/**
 * The module's exports: TypeScript through jiti (the host's own config, run as written, no build
 * step), JavaScript through Node's own import().
 */
async function importConfig(file: string): Promise<Record<string, unknown>> {
  if (!TYPESCRIPT.has(extname(file))) return (await import(pathToFileURL(file).href)) as Record<string, unknown>
  const { createJiti } = await import('jiti')
  return (await createJiti(import.meta.url, { moduleCache: false }).import(file)) as Record<string, unknown>
}

const isInstance = (value: unknown): value is Payhooks =>
  typeof value === 'object' && value !== null && typeof (value as Payhooks).handle === 'function' && typeof (value as Payhooks).records === 'function'

const isOptions = (value: unknown): value is PayhooksOptions =>
  typeof value === 'object' && value !== null && Array.isArray((value as PayhooksOptions).providers)

/**
 * The host's payhooks from its config: the default export, else the `hooks` export, either an
 * instance or the `createPayhooks` options (made into one here). Like any instance, it delivers due
 * notifications of its store while the command runs.
 */
export async function loadConfig(file: string): Promise<Payhooks> {
  let exports: Record<string, unknown>
  try {
    exports = await importConfig(file)
  } catch (error) {
    throw new Error(`Could not load ${file}: ${error instanceof Error ? error.message : String(error)}`)
  }
  const exported = exports.default ?? exports.hooks
  if (isInstance(exported)) return exported
  if (isOptions(exported)) return createPayhooks(exported)
  throw new UsageError(`${file} must export (default, or as \`hooks\`) a payhooks instance or the createPayhooks options.`)
}
