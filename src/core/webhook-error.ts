import type { ProviderName } from './event.js'

/** The HTTP status each code answers with (design.md §7–§8). */
export const ERROR_STATUS = {
  PAYLOAD_NOT_RAW: 400,
  PAYLOAD_INVALID_JSON: 400,
  PAYLOAD_INVALID: 400,
  PAYLOAD_TOO_LARGE: 413,
  METHOD_NOT_ALLOWED: 405,
  SIGNATURE_MISSING: 401,
  SIGNATURE_MISMATCH: 401,
  SECRET_MISSING: 500,
  SECRET_INVALID: 500,
  PROVIDER_UNKNOWN: 404,
  STORE_UNAVAILABLE: 503,
  /** A check that needs the provider's API (Midtrans verify-by-fetch) could not reach it: retry later. */
  PROVIDER_UNAVAILABLE: 503,
} as const

export type WebhookErrorCode = keyof typeof ERROR_STATUS

export interface WebhookErrorOptions {
  provider?: ProviderName | undefined
  hint: string
  /** For PAYLOAD_INVALID: where in the payload validation failed, e.g. 'data.orderReference'. */
  path?: string | undefined
  cause?: unknown
}

/**
 * Every refusal payhooks makes. `status` is the HTTP status to answer with; `hint` says what to fix.
 * Messages and hints never contain a secret.
 */
export class WebhookError extends Error {
  override readonly name = 'WebhookError'
  readonly code: WebhookErrorCode
  readonly provider: ProviderName | undefined
  readonly hint: string
  readonly status: number
  readonly path: string | undefined

  constructor(code: WebhookErrorCode, message: string, options: WebhookErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.code = code
    this.provider = options.provider
    this.hint = options.hint
    this.status = ERROR_STATUS[code]
    this.path = options.path
  }

  /** The response body payhooks sends: `{ error: { code, message, hint } }`. */
  toJSON(): { error: { code: WebhookErrorCode; message: string; hint: string; path?: string } } {
    const error: { code: WebhookErrorCode; message: string; hint: string; path?: string } = {
      code: this.code,
      message: this.message,
      hint: this.hint,
    }
    if (this.path !== undefined) error.path = this.path
    return { error }
  }
}

/** Works across copies of the package (ESM and CJS builds loaded side by side). */
export function isWebhookError(value: unknown): value is WebhookError {
  return value instanceof WebhookError || (value instanceof Error && value.name === 'WebhookError' && 'code' in value)
}
