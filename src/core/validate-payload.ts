import * as z from 'zod/mini'
// The locales' dual (import/require) entry: zod/mini loads it anyway, and bundlers keep only `en`.
import { en } from 'zod/v4/locales'
import type { ProviderName } from './event.js'
import { compileValidator } from './schema-compiler/runtime.js'
import type { PayloadValidator } from './schema-compiler/types.js'
import { WebhookError } from './webhook-error.js'

const FIRST_SEEN = 'first-seen'

/**
 * Per schema: FIRST_SEEN after its first payload, then its compiled validator, or null where there is
 * none. Compiling takes ~3 ms (about 1,700 runtime parses of a DataMart payload), so the first payload of
 * each schema takes the runtime parser and the compile happens on the second: a process that handles one
 * delivery (a cold lambda) never pays it.
 */
const validators = new WeakMap<z.core.$ZodType, PayloadValidator | null | typeof FIRST_SEEN>()

// zod/mini loads no locale; the messages of the error report are English, per call, so zod's global
// configuration (the application's own) is left alone.
const messages = en().localeError

/**
 * Validates the parsed body against the provider's wire schema; the error names the failing path. A
 * valid payload is returned as it is when a compiled validator passes it (the wire schemas only check, so
 * a valid value is its own output; its keys keep the order they had on the wire). Anything else goes
 * through safeParse, which builds the output or the error report.
 */
export function validatePayload<S extends z.core.$ZodType>(schema: S, json: unknown, provider: ProviderName): z.output<S> {
  let validator = validators.get(schema)
  if (validator === undefined) {
    validators.set(schema, FIRST_SEEN)
  } else if (validator === FIRST_SEEN) {
    validator = compileValidator(schema) ?? null
    validators.set(schema, validator)
  }
  if (typeof validator === 'function' && validator(json)) return json as z.output<S>
  const result = z.safeParse(schema, json, { error: messages })
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
