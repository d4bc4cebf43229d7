/** How the host lets an operator in: a shared token (sign-in form) or its own check of each request. */
export type ConsoleAuth =
  | { token: string; authorize?: undefined }
  | { authorize: (request: Request) => boolean | Promise<boolean>; token?: undefined }

export type ConsoleOptions = ConsoleAuth & {
  /** Where the console is mounted, e.g. '/payhooks' (the default); every route is under it. */
  basePath?: string
  /** How long a sign-in lasts. Default 12 h. */
  sessionMs?: number
  /** "Stuck" on the page when the operator did not choose: not final and unchanged this long. Default 10 min. */
  stuckAfterMs?: number
}

export interface ResolvedConsoleOptions {
  basePath: string
  sessionMs: number
  stuckAfterMs: number
  token: string | undefined
  authorize: ((request: Request) => boolean | Promise<boolean>) | undefined
}

/** A token shorter than this is guessable offline or was typed by hand: refused at creation. */
export const MIN_TOKEN_LENGTH = 32
/** Segments of letters, digits and `._~-` only: the base path is written into HTML and cookies verbatim. */
const BASE_PATH = /^(\/[A-Za-z0-9._~-]+)+$/

/** Refuses, at start-up, every configuration that would leave the console open or half-protected. */
export function resolveConsoleOptions(options: ConsoleOptions): ResolvedConsoleOptions {
  if (options === null || typeof options !== 'object') throw new TypeError('createConsole: options are required: { token } or { authorize }')
  const { token, authorize } = options
  if (token !== undefined && authorize !== undefined) throw new TypeError('createConsole: pass either token or authorize, not both')
  if (authorize !== undefined && typeof authorize !== 'function') throw new TypeError('createConsole: authorize must be a function (request) => boolean')
  if (authorize === undefined) {
    if (typeof token !== 'string' || token === '') {
      throw new TypeError('createConsole: a token (at least 32 characters, e.g. `openssl rand -hex 32`) or an authorize(request) function is required')
    }
    if (token.length < MIN_TOKEN_LENGTH) throw new TypeError(`createConsole: the token must be at least ${MIN_TOKEN_LENGTH} characters (e.g. \`openssl rand -hex 32\`)`)
    if (token.trim() !== token) throw new TypeError('createConsole: the token has leading or trailing whitespace')
  }
  const basePath = options.basePath ?? '/payhooks'
  if (!BASE_PATH.test(basePath)) throw new TypeError("createConsole: basePath must look like '/payhooks' (letters, digits, . _ ~ -; no trailing slash)")
  const sessionMs = options.sessionMs ?? 12 * 60 * 60_000
  if (!(sessionMs > 0)) throw new TypeError('createConsole: sessionMs must be a positive number')
  const stuckAfterMs = options.stuckAfterMs ?? 10 * 60_000
  if (!(stuckAfterMs >= 0)) throw new TypeError('createConsole: stuckAfterMs must be >= 0')
  return { basePath, sessionMs, stuckAfterMs, token, authorize }
}
