import type { WebhookResponse } from '../core/adapter.js'
import type { ProviderName } from '../core/event.js'
import { readHeader, type HeadersLike, type WebhookRequest } from '../core/request.js'
import type { WebhookError } from '../core/webhook-error.js'
import { payloadTooLarge } from '../engine/payload-too-large.js'
import { resolveProvider } from './resolve-provider.js'

// Written once for every runtime (the octokit/webhooks.js create-middleware pattern): each glue only
// injects how to read its request and how to write its response. Nothing here may import `node:*`:
// the fetch handler runs on Workers, Deno and Bun too.

/** The part of `createPayhooks()` the HTTP layer needs. */
export interface WebhookTarget {
  handle(provider: string, req: WebhookRequest): Promise<WebhookResponse>
  /** Logs and answers a refusal met while reading the body. */
  refuse(provider: string, req: WebhookRequest, error: WebhookError): Promise<WebhookResponse>
  readonly providers: readonly string[]
  readonly maxBodyBytes: number
}

/** The raw body, or why it could not be had (too large, already parsed by someone else). */
export type BodyResult = { ok: true; body: string | Uint8Array } | { ok: false; error: WebhookError }

/** What one runtime (fetch, node:http, Express, Fastify) contributes. */
export interface HttpRuntime<Req, Res, Result> {
  /** Path and query as received, including any mount prefix: the provider and tokens are read from it. */
  url(req: Req): string
  method(req: Req): string | undefined
  headers(req: Req): HeadersLike
  /** The raw bytes, exactly as sent. Must stop reading once more than `limit` bytes arrived. */
  readBody(req: Req, limit: number, provider: ProviderName): Promise<BodyResult>
  send(res: Res, response: WebhookResponse): Result | Promise<Result>
}

export type WebhookHandler<Req, Res, Result> = (req: Req, res: Res, providerHint?: string) => Promise<Result>

/**
 * Moves bytes between a runtime and `hooks.handle`; decides nothing. Unknown providers, wrong methods
 * and every verification outcome are answered by the engine. The only refusals met here are met while
 * getting the bytes (413, because only the reader can stop reading; Express's PAYLOAD_NOT_RAW when a body
 * parser got there first); they are handed to `hooks.refuse`, which logs and answers them.
 *
 * `providerHint` is the segment a framework route captured as the provider; it names the provider in
 * the 404 when no path segment names a registered one (without it, the last segment does).
 */
export function createWebhookHandler<Req, Res, Result>(
  target: WebhookTarget,
  runtime: HttpRuntime<Req, Res, Result>,
): WebhookHandler<Req, Res, Result> {
  return async function handleWebhook(req, res, providerHint) {
    const url = runtime.url(req)
    const headers = runtime.headers(req)
    const request: WebhookRequest = { body: '', headers, url, method: runtime.method(req) }
    const provider = resolveProvider(url, target.providers)
    if (provider === undefined) {
      // Not worth reading a body for: the engine answers 404 PROVIDER_UNKNOWN and logs the attempt.
      return runtime.send(res, await target.handle(providerHint ?? lastSegment(url), request))
    }
    const limit = target.maxBodyBytes
    const declared = Number(readHeader(headers, 'content-length'))
    if (declared > limit) return runtime.send(res, await target.refuse(provider, request, payloadTooLarge(limit, provider as ProviderName)))
    const read = await runtime.readBody(req, limit, provider as ProviderName)
    if (!read.ok) return runtime.send(res, await target.refuse(provider, request, read.error))
    // A literal of the same four fields rather than `{ ...request, body }`: V8 gives an object made by
    // spreading a slow shape, on which a later property write (the adapters cache the parsed body on
    // the request) cost ~2 µs instead of ~0.2 µs in a micro-benchmark here.
    return runtime.send(res, await target.handle(provider, { body: read.body, headers, url, method: request.method }))
  }
}

function lastSegment(url: string): string {
  const path = url.split(/[?#]/, 1)[0] ?? ''
  const segments = path.split('/').filter((s) => s !== '')
  const last = segments[segments.length - 1] ?? ''
  try {
    return decodeURIComponent(last)
  } catch {
    return last
  }
}
