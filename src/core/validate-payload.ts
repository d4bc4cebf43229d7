import type { z } from 'zod'
import type { ProviderName } from './event.js'
import { WebhookError } from './webhook-error.js'

/** Validates the parsed body against the provider's wire schema; the error names the failing path. */
export function validatePayload<S extends z.ZodType>(
  schema: S,
  json: unknown,
  provider: ProviderName,
): z.output<S> {
  const result = schema.safeParse(json)
  if (result.success) return result.data
  const issue = result.error.issues[0]
  const path = issue === undefined || issue.path.length === 0 ? '(root)' : issue.path.map(String).join('.')
  throw new WebhookError('PAYLOAD_INVALID', `The ${provider} payload is invalid at ${path}: ${issue?.message ?? 'unknown issue'}.`, {
    provider,
    path,
    hint: `Compare the body with the documented ${provider} webhook payload; a request from another service or an API response posted to this URL also fails here.`,
    cause: result.error,
  })
}
