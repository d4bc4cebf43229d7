import type { WebhookResponse } from '../core/adapter.js'
import type { WebhookError } from '../core/webhook-error.js'

/** `{ error: { code, message, hint } }` with the error's HTTP status (design.md §7). */
export function errorResponse(error: WebhookError): WebhookResponse {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (error.code === 'METHOD_NOT_ALLOWED') headers.allow = 'POST'
  return { status: error.status, headers, body: JSON.stringify(error.toJSON()) }
}
