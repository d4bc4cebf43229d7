import type * as z from 'zod/mini'
import type { ProviderName, WebhookEvent } from './event.js'
import type { WebhookRequest } from './request.js'
import type { StatusSupport } from './status-api.js'
import type { Status } from './status.js'
import type { WebhookError } from './webhook-error.js'

export type VerifyResult = { ok: true; method: string } | { ok: false; error: WebhookError }

/** What the engine did with a delivery; the adapter turns it into the answer its provider expects. */
export type Outcome = 'applied' | 'duplicate' | 'stale' | 'suspicious' | 'test' | 'unknown'

export interface WebhookResponse {
  status: number
  headers: Record<string, string>
  /** Empty for 204. */
  body: string
}

/**
 * A move the general transition table refuses but this provider really makes, e.g. Midtrans turning a
 * settlement into `deny` (channel reversal). Matched on status and, optionally, the raw provider status.
 */
export interface TransitionException {
  from: Status
  fromProviderStatus?: string | undefined
  to: Status
  toProviderStatus?: string | undefined
}

/** Where this provider's secrets travel, so the delivery log can redact them. */
export interface SensitiveParts {
  /** Top-level body fields, e.g. Midtrans `signature_key`. */
  bodyFields: readonly string[]
  /** Lower-case header names. */
  headers: readonly string[]
  /** Query parameters carrying a token. */
  queryParams: readonly string[]
  /** The URL path's last segment is a token (Refract, AzamPay secret paths). */
  pathToken: boolean
  /**
   * Replaces the provider's own secret values wherever they appear (as sent, percent-encoded or
   * JSON-escaped), for providers whose secret travels in the request itself: a token moved to another
   * path segment or a password under a mangled key is found by its value. A function, so the values are
   * never enumerable on the adapter.
   */
  scrub?: ((text: string) => string) | undefined
}

export interface WebhookAdapter<P extends ProviderName = ProviderName, Schema extends z.core.$ZodType = z.core.$ZodType> {
  readonly name: P
  /**
   * The zod schema of the wire payload: a zod/mini schema for the built-in adapters (any zod 4 schema for
   * your own). `schema.safeParse(x)` and `z.safeParse(schema, x)` work on both.
   */
  readonly schema: Schema
  readonly transitionExceptions: readonly TransitionException[]
  readonly sensitive: SensitiveParts
  /**
   * The provider's status API, for the reconciler (design.md §9): a client when it exists and is
   * configured (`statusApi` option), else the reason it cannot be polled, reported as `unsupported`.
   */
  readonly statusApi: StatusSupport
  /** Checks authenticity only; never throws for bad input. */
  verifySignature(req: WebhookRequest): Promise<VerifyResult>
  /**
   * Parses without any network call, for naming the reference of a rejected delivery in the log.
   * Only for adapters whose `parse` may call the provider (Midtrans verify-by-fetch); default `parse`.
   */
  readonly peek?: ((req: WebhookRequest) => Promise<WebhookEvent<P, z.output<Schema>>>) | undefined
  /** Parses and normalizes; does NOT verify. Throws WebhookError. */
  parse(req: WebhookRequest): Promise<WebhookEvent<P, z.output<Schema>>>
  /** The acknowledgement this provider expects for a delivery that was handled. */
  ack(outcome: Outcome): WebhookResponse
}

export type AnyWebhookAdapter = WebhookAdapter<ProviderName, z.core.$ZodType>

const JSON_HEADERS = { 'content-type': 'application/json' } as const

export function jsonResponse(status: number, body: unknown): WebhookResponse {
  return { status, headers: { ...JSON_HEADERS }, body: JSON.stringify(body) }
}
