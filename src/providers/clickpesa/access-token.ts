import { invalidStatusResponse, isStatusApiError, requestStatusApi, StatusApiError } from '../../core/status-api.js'

/** `POST /third-parties/generate-token` (providers.md §3.5). */
export const CLICKPESA_TOKEN_PATH = '/third-parties/generate-token'
const TOKEN_ENDPOINT = `POST ${CLICKPESA_TOKEN_PATH}`

/** ClickPesa's JWT is valid for 1 hour (§3.5). */
export const CLICKPESA_TOKEN_LIFETIME_MS = 60 * 60 * 1000
/** Renewed this long before then, so a token never expires between being read here and reaching ClickPesa. */
const RENEW_BEFORE_EXPIRY_MS = 5 * 60 * 1000

/** Only the prefix is read, never the rest: the token is a credential. */
const BEARER_PREFIX = /^Bearer /i

export const CLICKPESA_CREDENTIALS_HINT =
  'ClickPesa refused the application credentials. Check that statusApi.clientId and statusApi.apiKey are the Client ID ' +
  'and API key of the same ClickPesa application, that the key has not expired or been revoked, and that ' +
  'statusApi.baseUrl is the environment (production or sandbox) the application belongs to.'

export interface ClickpesaTokenConfig {
  baseUrl: string
  fetch: typeof fetch
  timeoutMs: number
  clientId: string
  apiKey: string
}

export interface ClickpesaTokenSource {
  /** The Authorization header value, `Bearer …` exactly as ClickPesa issued it; cached while it is valid. */
  get(signal: AbortSignal | undefined): Promise<string>
  /** Forgets `authorization` after ClickPesa refused it (expired early, or invalidated by a checksum toggle, §3.3). */
  invalidate(authorization: string): void
}

function aborted(cause?: unknown): StatusApiError {
  return new StatusApiError('STATUS_API_ABORTED', `clickpesa: ${TOKEN_ENDPOINT} was aborted`, { provider: 'clickpesa', hint: 'The reconcile run was stopped.', cause })
}

/** Waits for `promise` unless `signal` fires first; the shared promise itself runs on. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise
  if (signal.aborted) return Promise.reject(aborted(signal.reason))
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(aborted(signal.reason))
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort)
        resolve(value)
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort)
        reject(error)
      },
    )
  })
}

async function generateToken(config: ClickpesaTokenConfig): Promise<string> {
  let response
  try {
    response = await requestStatusApi({
      provider: 'clickpesa',
      fetch: config.fetch,
      url: `${config.baseUrl}${CLICKPESA_TOKEN_PATH}`,
      endpoint: TOKEN_ENDPOINT,
      // Credentials travel in these two headers and no body (§3.5).
      init: { method: 'POST', headers: { 'client-id': config.clientId, 'api-key': config.apiKey, accept: 'application/json' } },
      timeoutMs: config.timeoutMs,
      unauthorizedHint: CLICKPESA_CREDENTIALS_HINT,
    })
  } catch (error) {
    // A body that is not JSON may be the token itself, and a JSON parser's message quotes the text.
    if (isStatusApiError(error) && error.code === 'STATUS_API_INVALID_RESPONSE') throw invalidStatusResponse('clickpesa', TOKEN_ENDPOINT, 'is not JSON', undefined, error.httpStatus)
    throw error
  }
  if (response.status !== 200) {
    throw new StatusApiError('STATUS_API_ERROR', `clickpesa: ${TOKEN_ENDPOINT} answered ${response.status}`, {
      provider: 'clickpesa',
      httpStatus: response.status,
      hint: 'ClickPesa did not issue a token. Check statusApi.baseUrl: it is the host only (https://api.clickpesa.com), without /third-parties.',
    })
  }
  const body = response.body as { success?: unknown; token?: unknown } | undefined
  const token = typeof body?.token === 'string' ? body.token.trim() : ''
  if (body?.success !== true || token === '') throw invalidStatusResponse('clickpesa', TOKEN_ENDPOINT, 'carries no token (expected { success: true, token })', undefined, 200)
  // The token comes with its `Bearer ` prefix and is sent as it is (§3.5); a second prefix breaks it.
  return BEARER_PREFIX.test(token) ? token : `Bearer ${token}`
}

/**
 * One token per client, shared by every lookup: fetched on first use, by one request however many
 * lookups wait for it, and renewed 5 minutes before its hour is up or when ClickPesa refuses it.
 */
export function createClickpesaTokenSource(config: ClickpesaTokenConfig): ClickpesaTokenSource {
  let cached: { authorization: string; renewAt: number } | undefined
  let pending: Promise<string> | undefined

  function fetchShared(): Promise<string> {
    pending ??= generateToken(config).then(
      (authorization) => {
        cached = { authorization, renewAt: Date.now() + CLICKPESA_TOKEN_LIFETIME_MS - RENEW_BEFORE_EXPIRY_MS }
        pending = undefined
        return authorization
      },
      (error: unknown) => {
        pending = undefined
        throw error
      },
    )
    return pending
  }

  return {
    get(signal) {
      if (cached !== undefined && Date.now() < cached.renewAt) return Promise.resolve(cached.authorization)
      // Not tied to one caller's signal: others may be waiting for the same token.
      return untilAborted(fetchShared(), signal)
    },
    invalidate(authorization) {
      if (cached?.authorization === authorization) cached = undefined
    },
  }
}
