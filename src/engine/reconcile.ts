import type { AnyWebhookAdapter } from '../core/adapter.js'
import type { ProviderName, StatusEvent } from '../core/event.js'
import { isStatusApiError, type StatusAnswer, type StatusClient } from '../core/status-api.js'
import { isWebhookError } from '../core/webhook-error.js'
import { bestAttempt } from './best-attempt.js'
import { nextCheckAt, type ReconcileBackoff } from './reconcile-backoff.js'
import type { DeliveryOutcome, Logger, RecordState, StaleRecord, Store, Transition } from './types.js'

export interface ReconcileOptions {
  /** Records not in a final status and unchanged for this many ms are polled. 0 polls every such record now. */
  olderThan: number
  /** Default: every registered provider (those without a status API are reported `unsupported`). */
  providers?: readonly ProviderName[] | undefined
  /** Records polled in this run at most. Default 500. */
  limit?: number | undefined
  /** Status requests in flight at once. Default 4. */
  concurrency?: number | undefined
  signal?: AbortSignal | undefined
  onProgress?: ((progress: ReconcileProgress) => void) | undefined
  /** How long a record stays leased to this run (another instance skips it). Default 5 min. */
  leaseMs?: number | undefined
}

export type ReconcileOutcome = 'applied' | 'unchanged' | 'not_found' | 'unsupported' | 'failed'

export interface ReconcileProgress {
  done: number
  /** Records leased so far in this run; grows while the run pages through the store. */
  total: number
  provider: ProviderName
  reference: string
  outcome: ReconcileOutcome
}

export interface ReconcileError {
  provider: ProviderName
  reference: string
  /** A StatusApiError code (STATUS_API_TIMEOUT, STATUS_API_UNAUTHORIZED, …) or STORE_UNAVAILABLE. */
  code: string
  message: string
  hint?: string
}

export interface ReconcileReport {
  checked: number
  applied: number
  unchanged: number
  notFound: number
  unsupported: number
  failed: number
  errors: ReconcileError[]
  /** Providers that cannot be polled, and why (no status API, or statusApi not configured). */
  unsupportedProviders: { provider: ProviderName; reason: string }[]
}

/** What the reconciler needs from the engine: the webhook's own apply path and the delivery log. */
export interface ReconcilerDeps {
  store: Store
  adapters: ReadonlyMap<string, AnyWebhookAdapter>
  /** Same dedupe, table, integrity check and outbox as a webhook. Throws STORE_UNAVAILABLE. */
  applyEvent(adapter: AnyWebhookAdapter, event: StatusEvent): Promise<{ outcome: DeliveryOutcome; transition?: Transition }>
  /** One delivery-log entry (source 'poll') per poll. Never throws. */
  logPoll(adapter: AnyWebhookAdapter, entry: PollLogEntry): Promise<void>
  logger: Logger
  backoff: ReconcileBackoff
}

export interface PollLogEntry {
  reference: string
  outcome: DeliveryOutcome
  errorCode: string | null
  event: StatusEvent | undefined
  transition?: Transition | undefined
}

function emptyReport(): ReconcileReport {
  return { checked: 0, applied: 0, unchanged: 0, notFound: 0, unsupported: 0, failed: 0, errors: [], unsupportedProviders: [] }
}

/** Leases per store round trip. */
const BATCH = 100
/** Attempts per record when the provider keeps answering 429. */
const RATE_LIMIT_ATTEMPTS = 3
/** A Retry-After beyond this is not waited out in-run: the record is retried on a later run. */
const MAX_RATE_LIMIT_WAIT_MS = 60_000

function positiveInteger(value: number | undefined, fallback: number, name: string): number {
  const result = value ?? fallback
  if (!Number.isInteger(result) || result < 1) throw new TypeError(`reconcile: ${name} must be a positive integer`)
  return result
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (ms <= 0 || signal?.aborted) return resolve()
    const timer = setTimeout(done, ms)
    function done() {
      clearTimeout(timer)
      signal?.removeEventListener('abort', done)
      resolve()
    }
    signal?.addEventListener('abort', done, { once: true })
  })
}

/**
 * Recovery (design.md §9): finds the records that should have moved, asks each provider's status API,
 * and applies the answer through the webhook's exactly-once path. Hyperswitch's payment-sync
 * workflow is the model: poll unresolved payments with backoff, treat the answer like a webhook.
 */
export function createReconciler(deps: ReconcilerDeps) {
  const { store, adapters, logger, backoff } = deps
  /** Per provider: no request before this time (a 429's Retry-After). Shared by every run of this engine. */
  const pausedUntil = new Map<ProviderName, number>()

  async function fetchWithRateLimit(provider: ProviderName, client: StatusClient, record: StaleRecord, signal: AbortSignal | undefined): Promise<StatusAnswer> {
    for (let attempt = 1; ; attempt++) {
      await sleep((pausedUntil.get(provider) ?? 0) - Date.now(), signal)
      try {
        return await client.fetchStatus({ reference: record.reference, providerStatus: record.providerStatus, signal })
      } catch (error) {
        const wait = isStatusApiError(error) && error.code === 'STATUS_API_RATE_LIMITED' ? (error.retryAfterMs ?? 1_000) : undefined
        if (wait === undefined || attempt >= RATE_LIMIT_ATTEMPTS || wait > MAX_RATE_LIMIT_WAIT_MS || signal?.aborted) throw error
        pausedUntil.set(provider, Math.max(pausedUntil.get(provider) ?? 0, Date.now() + wait))
        logger.warn({ provider, waitMs: wait }, 'payhooks: status API rate limit, waiting as told')
      }
    }
  }

  /** The next check, further off; a store failure here only means the lease runs out and the record is polled again. */
  async function backOff(record: StaleRecord): Promise<void> {
    const checks = record.checks + 1
    try {
      await store.scheduleCheck(record.provider, record.reference, { at: nextCheckAt(backoff, checks, Date.now()), checks })
    } catch (error) {
      logger.error({ provider: record.provider, reference: record.reference, error }, 'payhooks: could not schedule the next status check')
    }
  }

  function describeFailure(error: unknown): { code: string; message: string; hint?: string } {
    if (isStatusApiError(error) || isWebhookError(error)) return { code: error.code, message: error.message, hint: error.hint }
    // Anything else came from code we don't know; its message could hold anything, so it is not repeated.
    return { code: 'STATUS_CLIENT_FAILED', message: `the status client threw ${error instanceof Error ? error.name : typeof error}`, hint: 'See the logger for the error.' }
  }

  async function reconcileRecord(record: StaleRecord, signal: AbortSignal | undefined, report: ReconcileReport): Promise<ReconcileOutcome> {
    const adapter = adapters.get(record.provider)
    const support = adapter?.statusApi
    if (adapter === undefined || support === undefined || !support.supported) {
      await backOff(record)
      return 'unsupported'
    }
    let answer: StatusAnswer
    try {
      answer = await fetchWithRateLimit(adapter.name, support.client, record, signal)
    } catch (error) {
      if (!isStatusApiError(error)) logger.error({ provider: record.provider, reference: record.reference, error }, 'payhooks: status client failed')
      const failure = describeFailure(error)
      report.errors.push({ provider: record.provider, reference: record.reference, ...failure })
      await deps.logPoll(adapter, { reference: record.reference, outcome: 'rejected', errorCode: failure.code, event: undefined })
      await backOff(record)
      return 'failed'
    }
    const event = answer.found ? bestAttempt(answer.events) : undefined
    if (event === undefined) {
      await deps.logPoll(adapter, { reference: record.reference, outcome: 'ignored', errorCode: 'STATUS_NOT_FOUND', event: undefined })
      await backOff(record)
      return 'not_found'
    }
    let applied: { outcome: DeliveryOutcome; transition?: Transition }
    try {
      applied = await deps.applyEvent(adapter, event)
    } catch (error) {
      logger.error({ provider: record.provider, reference: record.reference, error }, 'payhooks: the store failed during reconcile')
      report.errors.push({ provider: record.provider, reference: record.reference, ...describeFailure(error) })
      await deps.logPoll(adapter, { reference: record.reference, outcome: 'rejected', errorCode: 'STORE_UNAVAILABLE', event })
      return 'failed'
    }
    const { outcome, transition } = applied
    await deps.logPoll(adapter, { reference: record.reference, outcome, errorCode: null, event, transition })
    if (outcome === 'applied') return 'applied'
    await backOff(record)
    return 'unchanged'
  }

  function count(report: ReconcileReport, outcome: ReconcileOutcome): void {
    report.checked += 1
    if (outcome === 'applied') report.applied += 1
    else if (outcome === 'unchanged') report.unchanged += 1
    else if (outcome === 'not_found') report.notFound += 1
    else if (outcome === 'unsupported') report.unsupported += 1
    else report.failed += 1
  }

  async function reconcile(options: ReconcileOptions): Promise<ReconcileReport> {
    if (typeof options?.olderThan !== 'number' || !(options.olderThan >= 0)) throw new TypeError('reconcile: olderThan (ms) is required and must be >= 0')
    const limit = positiveInteger(options.limit, 500, 'limit')
    const concurrency = positiveInteger(options.concurrency, 4, 'concurrency')
    const leaseMs = positiveInteger(options.leaseMs, 5 * 60_000, 'leaseMs')
    const providers = options.providers ?? ([...adapters.keys()] as ProviderName[])
    for (const provider of providers) {
      if (!adapters.has(provider)) throw new TypeError(`reconcile: provider ${provider} is not registered in createPayhooks({ providers })`)
    }
    const report = emptyReport()
    for (const provider of providers) {
      const support = (adapters.get(provider) as AnyWebhookAdapter).statusApi
      if (!support.supported) report.unsupportedProviders.push({ provider, reason: support.reason })
    }
    const { signal } = options
    // Fixed for the run: a record this run applied is newer than the cutoff and is not picked again.
    // +1: the store's cutoff is strict, and "unchanged for olderThan" includes a record changed exactly
    // that long ago (with olderThan 0, one registered by expect() in this same millisecond).
    const updatedBefore = new Date(Date.now() - options.olderThan + 1)
    let total = 0
    while (total < limit && !signal?.aborted) {
      const batch = await store.leaseStaleRecords({ updatedBefore, now: new Date(), leaseMs, limit: Math.min(BATCH, limit - total), providers })
      if (batch.length === 0) break
      total += batch.length
      let next = 0
      const worker = async () => {
        while (next < batch.length) {
          const record = batch[next++] as StaleRecord
          if (signal?.aborted) {
            // Not polled: released at once rather than left leased until the lease runs out.
            await store.scheduleCheck(record.provider, record.reference, { at: new Date(), checks: record.checks }).catch(() => undefined)
            continue
          }
          const outcome = await reconcileRecord(record, signal, report)
          count(report, outcome)
          options.onProgress?.({ done: report.checked, total, provider: record.provider, reference: record.reference, outcome })
        }
      }
      await Promise.all(Array.from({ length: Math.min(concurrency, batch.length) }, worker))
    }
    return report
  }

  /**
   * One record now, whatever its age or schedule (an operator's "Reconcile now"). Not leased: a run
   * polling the same record at the same moment applies the same answer, which dedupes. An unchanged
   * answer counts as the record's first check, so its backoff starts over.
   */
  async function reconcileOne(
    provider: ProviderName,
    reference: string,
    options: { signal?: AbortSignal | undefined } = {},
  ): Promise<{ outcome: ReconcileOutcome; record: RecordState | null; error?: ReconcileError }> {
    if (!adapters.has(provider)) throw new TypeError(`reconcileRecord: provider ${provider} is not registered in createPayhooks({ providers })`)
    const current = await store.getRecord(provider, reference)
    if (current === null) return { outcome: 'not_found', record: null }
    const report = emptyReport()
    const outcome = await reconcileRecord({ ...current, checks: 0 }, options.signal, report)
    const record = await store.getRecord(provider, reference)
    const [error] = report.errors
    return error === undefined ? { outcome, record } : { outcome, record, error }
  }

  const running = new Set<() => Promise<void>>()

  /**
   * Runs `reconcile` now and then every `every` ms (never two runs at once), on an unref'd timer so it
   * never keeps a finished process alive. The returned function stops it and resolves when the run
   * in flight, if any, has settled.
   */
  function startReconciler(options: ReconcileOptions & { every: number; onReport?: (report: ReconcileReport) => void }): () => Promise<void> {
    if (!(options.every > 0)) throw new TypeError('startReconciler: every (ms) must be > 0')
    const controller = new AbortController()
    const signal = options.signal === undefined ? controller.signal : AbortSignal.any([controller.signal, options.signal])
    let timer: ReturnType<typeof setTimeout> | undefined
    let inFlight: Promise<void> | undefined
    const schedule = (ms: number) => {
      if (signal.aborted) return
      timer = setTimeout(() => {
        inFlight = reconcile({ ...options, signal })
          .then((report) => {
            if (report.checked > 0 || report.errors.length > 0) logger.info({ ...report, errors: report.errors.length }, 'payhooks: reconcile run')
            options.onReport?.(report)
          })
          .catch((error: unknown) => logger.error({ error }, 'payhooks: reconcile run failed'))
          .finally(() => {
            inFlight = undefined
            schedule(options.every)
          })
      }, ms)
      ;(timer as { unref?: () => void }).unref?.()
    }
    schedule(0)
    const stop = async () => {
      controller.abort()
      clearTimeout(timer)
      running.delete(stop)
      await inFlight
    }
    running.add(stop)
    return stop
  }

  return {
    reconcile,
    reconcileOne,
    startReconciler,
    /** Stops every startReconciler loop (engine close). */
    stopAll: async () => {
      await Promise.all([...running].map((stop) => stop()))
    },
  }
}

export type Reconciler = ReturnType<typeof createReconciler>
