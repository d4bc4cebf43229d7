import type { NotifyContext } from '../../src/engine/types.js'

/** What the engine passes to notify(): a signal that only aborts if the test aborts `controller`. */
export function notifyContext(controller = new AbortController()): NotifyContext {
  return { signal: controller.signal }
}
