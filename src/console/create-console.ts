import { cryptoSeam } from '../core/crypto/runtime.js'
import { collectBody } from '../http/collect-body.js'
import { reconcileAction, replayAction, retryAction } from './api-actions.js'
import { health, listDeliveries, outbox, searchRecords, showDelivery, stuckRecords } from './api-reads.js'
import { consoleAssets } from './assets.generated.js'
import { resolveConsoleOptions, type ConsoleOptions } from './console-options.js'
import type { ConsoleTarget } from './console-target.js'
import { isHttps, readCookies, serializeCookie } from './cookies.js'
import { liveFeed } from './live-feed.js'
import { nodeConsoleHandler, type NodeConsoleHandler } from './node-console-handler.js'
import { json, jsonError, respond } from './security-headers.js'
import { isValidSession, issueSession, randomToken } from './session.js'

export interface PayhooksConsole {
  /** Where it is mounted, e.g. '/payhooks'. */
  readonly basePath: string
  /** Web-standard handler (Hono, Bun, Deno, Workers, Next.js): answers everything under basePath, 404 elsewhere. */
  fetch(request: Request): Promise<Response>
  /** node:http and Express/Connect: `app.use(console.node)`; requests outside basePath go to `next` (or get a 404). */
  readonly node: NodeConsoleHandler
}

const SESSION_COOKIE = 'payhooks_console'
const CSRF_COOKIE = 'payhooks_csrf'
const CSRF_HEADER = 'x-payhooks-csrf'
/** Actions are tiny JSON objects; the sign-in form is one field. */
const MAX_BODY_BYTES = 16 * 1024

const ASSET_TYPES: Record<string, string> = {
  'console.js': 'text/javascript; charset=utf-8',
  'console.css': 'text/css; charset=utf-8',
}

const decodeBody = (body: string | Uint8Array): string => (typeof body === 'string' ? body : new TextDecoder().decode(body))

/**
 * The operator console: live deliveries, stuck records, the outbox, delivery detail and health, with
 * the buttons that act on them (Reconcile now, Retry, Replay). Security first: it is refused without a
 * token of at least 32 characters or an authorize(request) function; a signed-in browser holds an
 * HttpOnly SameSite=Strict session cookie (never the token); every action is a JSON POST with a
 * double-submit CSRF token; every response carries a strict CSP; the page is built with textContent.
 */
export function createConsole(hooks: ConsoleTarget, options: ConsoleOptions): PayhooksConsole {
  const config = resolveConsoleOptions(options)
  const { basePath } = config
  const page = (name: 'console.html' | 'signin.html') => consoleAssets[name].replaceAll('{{base}}', basePath)
  const support = hooks.statusApis

  const cookie = (request: Request, name: string, value: string, maxAgeMs: number) =>
    serializeCookie(name, value, { path: basePath, maxAge: Math.floor(maxAgeMs / 1000), secure: isHttps(request) })

  async function isSignedIn(request: Request): Promise<boolean> {
    if (config.authorize !== undefined) {
      try {
        return (await config.authorize(request)) === true
      } catch {
        return false
      }
    }
    return isValidSession(config.token as string, readCookies(request).get(SESSION_COOKIE), Date.now(), config.sessionMs)
  }

  function signInPage(status: number, message: string): Response {
    const html = config.authorize !== undefined ? page('signin.html').replace(/<form[\s\S]*<\/form>/, '') : page('signin.html')
    return respond(status, html.replace('{{message}}', message), { 'content-type': 'text/html; charset=utf-8' })
  }

  async function signIn(request: Request): Promise<Response> {
    if (config.token === undefined) return jsonError(404, 'NOT_FOUND', 'This console is signed into by the host application.')
    const body = await collectBody(request.body, MAX_BODY_BYTES, undefined)
    const given = body.ok ? new URLSearchParams(decodeBody(body.body)).get('token') ?? '' : ''
    if (!cryptoSeam.timingSafeEqual(given, config.token)) return signInPage(401, 'That token is not the one this console was created with.')
    // 303: the browser follows with a GET, so a reload does not post the token again.
    const response = respond(303, null, { location: basePath })
    response.headers.append('set-cookie', cookie(request, SESSION_COOKIE, await issueSession(config.token, Date.now()), config.sessionMs))
    response.headers.append('set-cookie', cookie(request, CSRF_COOKIE, randomToken(), config.sessionMs))
    return response
  }

  function signOut(request: Request): Response {
    const response = json(200, { signedOut: true })
    response.headers.append('set-cookie', cookie(request, SESSION_COOKIE, '', 0))
    response.headers.append('set-cookie', cookie(request, CSRF_COOKIE, '', 0))
    return response
  }

  /** The page's first call: the CSRF token (set as a cookie if the browser has none yet) and what the page shows. */
  async function bootstrap(request: Request): Promise<Response> {
    let csrf = readCookies(request).get(CSRF_COOKIE)
    const fresh = csrf === undefined || !/^[0-9a-f]{64}$/.test(csrf)
    if (fresh) csrf = randomToken()
    const response = json(200, {
      csrf,
      basePath,
      signOut: config.token !== undefined,
      providers: hooks.providers,
      statusApi: support,
      stuckAfterMs: config.stuckAfterMs,
    })
    if (fresh) response.headers.append('set-cookie', cookie(request, CSRF_COOKIE, csrf as string, config.sessionMs))
    return response
  }

  function hasCsrf(request: Request): boolean {
    const expected = readCookies(request).get(CSRF_COOKIE)
    const given = request.headers.get(CSRF_HEADER)
    return expected !== undefined && expected !== '' && given !== null && cryptoSeam.timingSafeEqual(given, expected)
  }

  async function readJson(request: Request): Promise<Record<string, unknown> | Response> {
    if (!(request.headers.get('content-type') ?? '').toLowerCase().startsWith('application/json')) {
      return jsonError(415, 'JSON_REQUIRED', 'Actions are sent as application/json.')
    }
    const body = await collectBody(request.body, MAX_BODY_BYTES, undefined)
    if (!body.ok) return jsonError(413, 'PAYLOAD_TOO_LARGE', `Actions are at most ${MAX_BODY_BYTES} bytes.`)
    try {
      const value: unknown = JSON.parse(decodeBody(body.body))
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>
    } catch {
      // answered below
    }
    return jsonError(400, 'JSON_INVALID', 'The body must be a JSON object.')
  }

  async function api(request: Request, route: string, url: URL): Promise<Response> {
    const method = request.method.toUpperCase()
    if (method === 'POST') {
      if (!hasCsrf(request)) return jsonError(403, 'CSRF', 'Missing or wrong CSRF token: reload the console.')
      if (route === 'logout') return signOut(request)
      const body = await readJson(request)
      if (body instanceof Response) return body
      if (route === 'reconcile') return reconcileAction(hooks, body, support, config.stuckAfterMs)
      if (route === 'retry') return retryAction(hooks, body)
      if (route === 'replay') return replayAction(hooks, body)
      return jsonError(404, 'NOT_FOUND', 'No such action.')
    }
    if (method !== 'GET') return jsonError(405, 'METHOD_NOT_ALLOWED', 'Reads are GET, actions are POST.')
    if (route === 'bootstrap') return bootstrap(request)
    if (route === 'feed') return liveFeed(request, hooks.onDelivery)
    if (route === 'deliveries') return listDeliveries(hooks, url)
    if (route.startsWith('deliveries/')) return showDelivery(hooks, decodeURIComponent(route.slice('deliveries/'.length)))
    if (route === 'records') return searchRecords(hooks, url)
    if (route === 'stuck') return stuckRecords(hooks, url, support, config.stuckAfterMs)
    if (route === 'outbox') return outbox(hooks)
    if (route === 'health') return health(hooks, Date.now())
    return jsonError(404, 'NOT_FOUND', 'No such console endpoint.')
  }

  async function route(request: Request): Promise<Response> {
    const url = new URL(request.url)
    const path = url.pathname
    if (path !== basePath && !path.startsWith(`${basePath}/`)) return jsonError(404, 'NOT_FOUND', 'Not a console path.')
    const rest = path.slice(basePath.length + 1)
    const method = request.method.toUpperCase()
    if (rest.startsWith('assets/')) {
      // The script and the stylesheet are the package's own code, the same for everyone: no sign-in needed.
      const name = rest.slice('assets/'.length)
      const type = ASSET_TYPES[name]
      if (type === undefined || method !== 'GET') return jsonError(404, 'NOT_FOUND', 'No such asset.')
      return respond(200, consoleAssets[name as keyof typeof consoleAssets], { 'content-type': type })
    }
    if (rest === 'login') return method === 'POST' ? signIn(request) : jsonError(405, 'METHOD_NOT_ALLOWED', 'Sign in with the form.')
    const signedIn = await isSignedIn(request)
    if (rest === '') {
      if (method !== 'GET') return jsonError(405, 'METHOD_NOT_ALLOWED', 'The page is read with GET.')
      // The sign-in form itself is 200: it shows nothing, and a 401 document is a console error in browsers.
      if (signedIn) return respond(200, page('console.html'), { 'content-type': 'text/html; charset=utf-8' })
      return config.token === undefined ? signInPage(401, 'Not signed in: the application that mounts this console signs you in.') : signInPage(200, '')
    }
    if (!rest.startsWith('api/')) return jsonError(404, 'NOT_FOUND', 'No such console page.')
    if (!signedIn) return jsonError(401, 'UNAUTHORIZED', 'Sign in first.')
    return api(request, rest.slice('api/'.length), url)
  }

  async function handle(request: Request): Promise<Response> {
    try {
      return await route(request)
    } catch {
      // The detail may name a database host; the operator's application log has the engine's own record of it.
      return jsonError(500, 'CONSOLE_ERROR', 'The console could not answer; see the application log.')
    }
  }

  return { basePath, fetch: handle, node: nodeConsoleHandler(handle, basePath) }
}
