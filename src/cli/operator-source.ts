import type { Payhooks } from '../create-payhooks.js'
import type { Store } from '../engine/types.js'
import { stringOption, UsageError, type OptionValues } from './command.js'
import { findConfig, loadConfig } from './load-config.js'
import { openStore } from './open-store.js'

/** What the read-only commands look at: the host's own instance (from its config), or its store alone (--store). */
export type OperatorSource = { kind: 'hooks'; hooks: Payhooks; close(): Promise<void> } | { kind: 'store'; store: Store; close(): Promise<void> }

export const SOURCE_OPTIONS = { config: { type: 'string' }, store: { type: 'string' } } as const

export const SOURCE_USAGE = `--config <file>     the host's payhooks.config.{ts,mjs,js} (default: the one in this directory)
  --store sqlite:<file> | postgres://…   read a store directly instead (read-only commands)`

/** --store opens the store through the package's own stores; otherwise the config given or found. */
export async function openSource(values: OptionValues, cwd: string): Promise<OperatorSource> {
  const storeSpec = stringOption(values, 'store')
  if (storeSpec === undefined) {
    const hooks = await openHooks(values, cwd)
    return { kind: 'hooks', hooks, close: () => hooks.close() }
  }
  if (stringOption(values, 'config') !== undefined) throw new UsageError('Pass either --config or --store, not both.')
  const store = await openStore(storeSpec, cwd)
  return { kind: 'store', store, close: async () => store.close?.() }
}

/**
 * The host's instance, for the commands that act (replay, retry, reconcile): they need its providers
 * (status API credentials) and notifiers, which only its config has. The caller closes it.
 */
export async function openHooks(values: OptionValues, cwd: string): Promise<Payhooks> {
  if (stringOption(values, 'store') !== undefined) throw new UsageError("This command acts through the host's providers and notifiers: point --config at its payhooks config instead of --store.")
  const file = findConfig(cwd, stringOption(values, 'config'))
  if (file === undefined) throw new UsageError('No payhooks.config.{ts,mts,mjs,js} here: pass --config <file>, or --store sqlite:<file> | postgres://… for a read-only look.')
  return loadConfig(file)
}
