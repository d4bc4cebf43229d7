import type { ProviderName } from '../core/event.js'
import type { Delivery } from '../engine/types.js'
import type { ConsoleTarget } from './console-target.js'
import { DAY_MS, providerHealth } from './health.js'
import { json, jsonError } from './security-headers.js'
import { deliveryDetail, deliverySummary, outboxView, recordView } from './views.js'

const LIST_LIMIT = 100
/** Enough for a day of one provider's deliveries on a busy shop; the chart is a view, not an audit. */
const HEALTH_LIMIT = 10_000

/** Which providers can be reconciled, and why the others cannot: asked once, it never changes. */
/** Per provider: can it be polled, and if not, why (the engine's statusApis). */
export type StatusSupportMap = ConsoleTarget['statusApis']

function readProvider(hooks: ConsoleTarget, url: URL): ProviderName | undefined | Response {
  const provider = url.searchParams.get('provider')
  if (provider === null || provider === '') return undefined
  if (!hooks.providers.includes(provider as ProviderName)) return jsonError(400, 'PROVIDER_UNKNOWN', 'No provider is registered under that name.')
  return provider as ProviderName
}

export async function listDeliveries(hooks: ConsoleTarget, url: URL): Promise<Response> {
  const provider = readProvider(hooks, url)
  if (provider instanceof Response) return provider
  const reference = url.searchParams.get('reference') || undefined
  const deliveries = await hooks.deliveries({ provider, reference, limit: LIST_LIMIT })
  return json(200, { deliveries: deliveries.map((d) => deliverySummary(d)) })
}

export async function showDelivery(hooks: ConsoleTarget, id: string): Promise<Response> {
  const [delivery] = await hooks.deliveries({ id, limit: 1 })
  if (delivery === undefined || delivery.id !== id) return jsonError(404, 'NOT_FOUND', 'No delivery with that id in the log.')
  return json(200, { delivery: deliveryDetail(delivery) })
}

export async function searchRecords(hooks: ConsoleTarget, url: URL): Promise<Response> {
  const reference = (url.searchParams.get('reference') ?? '').trim()
  if (reference === '') return jsonError(400, 'REFERENCE_REQUIRED', 'Give a reference to search for.')
  const records = await hooks.records({ reference, limit: LIST_LIMIT })
  return json(200, { records: records.map(recordView) })
}

export async function stuckRecords(hooks: ConsoleTarget, url: URL, support: StatusSupportMap, defaultMs: number): Promise<Response> {
  const minutes = url.searchParams.get('minutes')
  const stuckFor = minutes === null || minutes === '' ? defaultMs : Number(minutes) * 60_000
  if (!Number.isFinite(stuckFor) || stuckFor < 0) return jsonError(400, 'MINUTES_INVALID', 'minutes must be a number >= 0.')
  const providers = await Promise.all(
    hooks.providers.map(async (provider) => ({
      provider,
      statusApi: support[provider] ?? { supported: false, reason: 'Unknown provider.' },
      records: (await hooks.records({ provider, stuckFor, limit: LIST_LIMIT })).map(recordView),
    })),
  )
  return json(200, { stuckForMs: stuckFor, providers })
}

export async function outbox(hooks: ConsoleTarget): Promise<Response> {
  const [pending, dead] = await Promise.all([
    hooks.notifications({ state: 'pending', limit: LIST_LIMIT }),
    hooks.notifications({ state: 'dead', limit: LIST_LIMIT }),
  ])
  return json(200, { pending: pending.map(outboxView), dead: dead.map(outboxView) })
}

const isReceived = (delivery: Delivery) => delivery.source !== 'poll'

export async function health(hooks: ConsoleTarget, now: number): Promise<Response> {
  const since = new Date(now - DAY_MS)
  const providers = await Promise.all(
    hooks.providers.map(async (provider) => {
      const day = await hooks.deliveries({ provider, since, limit: HEALTH_LIMIT })
      // "Last delivery received" is the provider's, not the reconciler's polls; older than a day if need be.
      const last = day.find(isReceived) ?? (await hooks.deliveries({ provider, limit: 50 })).find(isReceived)
      return providerHealth(provider, last, day, now)
    }),
  )
  return json(200, { providers })
}
