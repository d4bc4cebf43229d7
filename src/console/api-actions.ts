import type { ProviderName } from '../core/event.js'
import type { ConsoleTarget } from './console-target.js'
import type { StatusSupportMap } from './api-reads.js'
import { json, jsonError } from './security-headers.js'
import { deliverySummary, recordView } from './views.js'

/** The most records one "Reconcile all" polls: one click must not become an hour of provider calls. */
const RECONCILE_ALL_LIMIT = 100

type Body = Record<string, unknown>

const isText = (value: unknown): value is string => typeof value === 'string' && value !== ''

function knownProvider(hooks: ConsoleTarget, value: unknown): value is ProviderName {
  return typeof value === 'string' && hooks.providers.includes(value as ProviderName)
}

/** "Reconcile now": one record `{ provider, reference }`, or every stuck record of one provider `{ provider, all: true }`. */
export async function reconcileAction(hooks: ConsoleTarget, body: Body, support: StatusSupportMap, stuckAfterMs: number): Promise<Response> {
  if (!knownProvider(hooks, body.provider)) return jsonError(400, 'PROVIDER_UNKNOWN', 'No provider is registered under that name.')
  const provider = body.provider
  const providerSupport = support[provider]
  if (providerSupport !== undefined && !providerSupport.supported) return jsonError(409, 'UNSUPPORTED', providerSupport.reason)
  if (isText(body.reference)) {
    const result = await hooks.reconcileRecord(provider, body.reference)
    if (result.outcome === 'not_found' && result.record === null) return jsonError(404, 'NOT_FOUND', 'No such record.')
    return json(200, { results: [{ reference: body.reference, outcome: result.outcome, record: result.record === null ? null : recordView(result.record), error: result.error ?? null }] })
  }
  if (body.all !== true) return jsonError(400, 'TARGET_REQUIRED', 'Give a reference, or all: true.')
  const minutes = typeof body.minutes === 'number' && body.minutes >= 0 ? body.minutes * 60_000 : stuckAfterMs
  const stuck = await hooks.records({ provider, stuckFor: minutes, limit: RECONCILE_ALL_LIMIT })
  const results = []
  // One at a time: the provider's rate limit is shared with the background reconciler.
  for (const record of stuck) {
    const result = await hooks.reconcileRecord(provider, record.reference)
    results.push({ reference: record.reference, outcome: result.outcome, record: result.record === null ? null : recordView(result.record), error: result.error ?? null })
  }
  return json(200, { results })
}

/** "Retry": one dead or failing outbox row `{ id }`, or every dead row `{ all: true }`. */
export async function retryAction(hooks: ConsoleTarget, body: Body): Promise<Response> {
  if (isText(body.id)) return json(200, { requeued: await hooks.retryNotifications({ id: body.id }) })
  if (body.all === true) return json(200, { requeued: await hooks.retryNotifications({ all: true }) })
  return jsonError(400, 'TARGET_REQUIRED', 'Give an outbox row id, or all: true.')
}

/** "Replay": a verified webhook delivery that was answered 503 because the store was down. */
export async function replayAction(hooks: ConsoleTarget, body: Body): Promise<Response> {
  if (!isText(body.id)) return jsonError(400, 'TARGET_REQUIRED', 'Give a delivery id.')
  const result = await hooks.replay(body.id)
  if (!result.replayed) return jsonError(result.reason === 'not_found' ? 404 : 409, result.reason.toUpperCase(), result.message)
  return json(200, { outcome: result.outcome, delivery: deliverySummary(result.delivery) })
}
