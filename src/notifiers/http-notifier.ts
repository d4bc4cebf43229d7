import { cryptoSeam } from '../core/crypto/runtime.js'
import { errorMessage } from '../core/error-message.js'
import type { AppliedTransition, Notifier, SuspiciousTransition, Transition } from '../engine/types.js'
import { decodeSigningSecret } from './decode-signing-secret.js'
import { anySignal } from '../core/any-signal.js'

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>

export interface HttpNotifierOptions {
  /** Where each transition is POSTed. */
  url: string | URL
  /** Standard Webhooks signing secret: `whsec_` + base64 (the prefix is optional). */
  secret: string
  /** Unique among the notifiers of one createPayhooks(). Default 'http'. */
  name?: string | undefined
  /** Default: the global fetch. */
  fetch?: FetchLike | undefined
  /** Extra request headers; the content-type and webhook-* headers always win. */
  headers?: Record<string, string> | undefined
  /**
   * The request is aborted after this and counts as failed. Default 10 s. The engine's own deadline
   * (retry.timeoutMs) aborts it too, whichever comes first.
   */
  timeoutMs?: number | undefined
}

/** The Standard Webhooks event type of each kind of transition. */
export const HTTP_NOTIFIER_TYPES = {
  transition: 'transition.applied',
  suspicious: 'transition.suspicious',
} as const satisfies Record<Transition['type'], string>

/**
 * The Standard Webhooks envelope. `type` says whether the record changed: `transition.applied` (act on
 * `data.to`) or `transition.suspicious` (the event was NOT applied because it disagrees with what the
 * host expected; `data.record.status` is unchanged, `data.reason` says why: tell a person, never fulfil).
 * `timestamp` is when the event occurred as the provider reported it (ISO 8601, or the send time when
 * the provider gave none), `data` is the Transition unchanged.
 */
export type HttpNotifierBody =
  | { type: typeof HTTP_NOTIFIER_TYPES.transition; timestamp: string; data: AppliedTransition }
  | { type: typeof HTTP_NOTIFIER_TYPES.suspicious; timestamp: string; data: SuspiciousTransition }

function envelopeOf(transition: Transition): HttpNotifierBody {
  const timestamp = transition.event.occurredAt ?? new Date().toISOString()
  return transition.type === 'suspicious'
    ? { type: HTTP_NOTIFIER_TYPES.suspicious, timestamp, data: transition }
    : { type: HTTP_NOTIFIER_TYPES.transition, timestamp, data: transition }
}

/**
 * Forwards each transition as signed JSON that any Standard Webhooks library verifies: `webhook-id` is
 * the transition id (the same on every retry, so the receiver can dedupe on it), `webhook-timestamp`
 * is unix seconds, `webhook-signature` is `v1,` + base64 HMAC-SHA256 of `${id}.${timestamp}.${body}`.
 * A non-2xx answer, a network error, the timeout or the engine's abort rejects, so the engine retries.
 */
export function httpNotifier(options: HttpNotifierOptions): Notifier {
  const name = options.name ?? 'http'
  const where = `httpNotifier ${name}`
  const key = decodeSigningSecret(options.secret, where)
  let url: URL
  try {
    url = new URL(options.url)
  } catch {
    throw new TypeError(`${where}: url must be an absolute http(s) URL`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TypeError(`${where}: url must be an absolute http(s) URL`)
  const timeoutMs = options.timeoutMs ?? 10_000
  if (!(timeoutMs > 0)) throw new TypeError(`${where}: timeoutMs must be a positive number`)
  // Errors land in the outbox's lastError; the path and query may hold a token, the origin does not.
  const target = `POST ${url.origin}`
  const href = url.href

  return {
    name,
    async notify(transition, { signal: engineSignal }) {
      const body = JSON.stringify(envelopeOf(transition))
      const timestamp = String(Math.floor(Date.now() / 1000))
      const signature = await cryptoSeam.hmacSha256Base64(key, `${transition.id}.${timestamp}.${body}`)
      const headers = new Headers(options.headers)
      headers.set('content-type', 'application/json')
      headers.set('webhook-id', transition.id)
      headers.set('webhook-timestamp', timestamp)
      headers.set('webhook-signature', `v1,${signature}`)

      // Looked up per call, so a fetch installed after start-up (a polyfill, a test agent) is used.
      const send = options.fetch ?? globalThis.fetch
      const timeout = AbortSignal.timeout(timeoutMs)
      let response: Response
      try {
        // A redirect is a failure, not something to follow: it would re-send (or drop) a signed body elsewhere.
        response = await send(href, { method: 'POST', headers, body, signal: anySignal([engineSignal, timeout]), redirect: 'manual' })
      } catch (error) {
        if (engineSignal.aborted) throw new Error(`${where}: ${target} aborted by the engine: ${errorMessage(engineSignal.reason)}`, { cause: error })
        if (timeout.aborted) throw new Error(`${where}: ${target} timed out after ${timeoutMs} ms`, { cause: error })
        throw new Error(`${where}: ${target} failed: ${errorMessage(error)}`, { cause: error })
      }
      // The receiver's answer body is not needed; cancelling it frees the connection now rather than at GC.
      await response.body?.cancel().catch(() => undefined)
      if (response.status < 200 || response.status > 299) {
        throw new Error(`${where}: ${target} answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`)
      }
    },
  }
}
