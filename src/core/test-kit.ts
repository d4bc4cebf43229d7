import type { AnyWebhookAdapter } from '../core/adapter.js'
import type { ProviderName, WebhookEvent } from '../core/event.js'
import type { WebhookRequest } from '../core/request.js'

/** A request signed the way the provider signs it, ready for `adapter.verifySignature` or an HTTP POST. */
export interface SignedWebhook {
  body: string
  headers: Record<string, string>
  /** Path and query to post to (carries the token for AzamPay and Refract). */
  url: string
}

export interface SignOptions {
  secret: string
  /** Base path the webhook is posted to; default `/webhooks/<provider>`. */
  path?: string
  /** Provider-specific switches, e.g. `{ checksumMethod: 'legacy' }` for ClickPesa. */
  [option: string]: unknown
}

/** What a payload builder returns: a documented sample, optionally overridden. */
export type SamplePayload = Record<string, unknown>

export type SampleBuilder = (overrides?: SamplePayload) => SamplePayload

/** Documented sample payloads by name; every kit has at least `completed` and `failed`. */
export interface SampleBuilders {
  completed: SampleBuilder
  failed: SampleBuilder
  [name: string]: SampleBuilder
}

/**
 * Everything the shared suites need to exercise one provider. Each provider folder exports one; the
 * project's tests and `runAdapterContract` use nothing else.
 */
export interface ProviderTestKit<P extends ProviderName = ProviderName, S extends SampleBuilders = SampleBuilders> {
  provider: P
  /** An adapter that accepts any of `secrets` (rotation order). */
  createAdapter(secrets: readonly string[]): AnyWebhookAdapter
  sign(payload: SamplePayload, options: SignOptions): Promise<SignedWebhook>
  samples: S
  /** Whether the body itself is signed (false for token-only providers, where tampering cannot be seen). */
  signsBody: boolean
  /** A copy of a signed request whose signed content was changed (only used when signsBody). */
  tamper(signed: SignedWebhook): SignedWebhook
  /** A copy of a signed request with its signature (or token) removed. */
  strip(signed: SignedWebhook): SignedWebhook
  /** A payload that fails the schema, and the path the error must name. */
  invalidPayload: { payload: SamplePayload; path: string }
}

export type ParsedEvent = WebhookEvent

export function toRequest(signed: SignedWebhook, body: WebhookRequest['body'] = signed.body): WebhookRequest {
  return { body, headers: { ...signed.headers }, url: signed.url, method: 'POST' }
}
