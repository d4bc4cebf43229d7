import { createEngine, type EngineOptions } from './engine/create-engine.js'
import type { Store } from './engine/types.js'
import { createFetchHandler } from './http/fetch-handler.js'
import { memoryStore } from './stores/memory-store.js'

export interface PayhooksOptions extends Omit<EngineOptions, 'store'> {
  /** Where records, claims, the outbox and the delivery log live. Default: memoryStore(). */
  store?: Store | undefined
}

/**
 * payhooks for a host: the engine over the given store (memory by default) plus its web-standard
 * handler. Composed here, above the engine, so the engine depends on neither a store nor the HTTP glue.
 */
export function createPayhooks(options: PayhooksOptions) {
  const engine = createEngine({ ...options, store: options.store ?? memoryStore() })
  return {
    ...engine,
    /**
     * Web-standard handler (Hono, Next.js route handlers, Bun, Deno, Workers): the provider is the last
     * path segment that names a registered provider, so `/webhooks/refract/<token>` works.
     */
    fetch: createFetchHandler(engine),
  }
}

export type Payhooks = ReturnType<typeof createPayhooks>
