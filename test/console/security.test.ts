import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { memoryStore } from 'payhooks'
import { createConsole } from 'payhooks/console'
import { sqliteStore } from 'payhooks/stores/sqlite'
import { ACTIONS, CONSOLE_TOKEN, READS, consoleClient, createHarness, type Harness, type Seen } from './fixtures/console-harness.js'

const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"

let harness: Harness
beforeAll(async () => {
  harness = await createHarness(memoryStore())
})
afterAll(() => harness.close())

function expectSecurityHeaders(response: Seen): void {
  expect(response.headers.get('content-security-policy')).toBe(CSP)
  expect(response.headers.get('x-content-type-options')).toBe('nosniff')
  expect(response.headers.get('x-frame-options')).toBe('DENY')
  expect(response.headers.get('cache-control')).toBe('no-store')
}

describe('signing in', () => {
  it('answers 401 to every read and action without a session; the page is only the sign-in form', async () => {
    const client = consoleClient(harness.console)
    for (const path of READS) {
      const response = await client.get(path)
      expect(response.status, path).toBe(401)
      expectSecurityHeaders(response)
    }
    for (const [path, body] of ACTIONS) expect((await client.post(path, body)).status, path).toBe(401)
    const page = await client.get('')
    // 200: the form shows nothing, and browsers report a 401 document as a console error.
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toContain('text/html')
    expect(page.text).toContain('action="/payhooks/login"')
    expect(page.text).not.toContain('/assets/console.js')
  })

  it('refuses a wrong token with 401 and no cookie, and never takes the token from the URL', async () => {
    const client = consoleClient(harness.console)
    const wrong = await client.signIn(`${CONSOLE_TOKEN.slice(0, -1)}X`)
    expect(wrong.status).toBe(401)
    expect(wrong.headers.getSetCookie()).toEqual([])
    expect(wrong.text).toContain('not the one')
    expect((await client.get(`?token=${CONSOLE_TOKEN}`)).text).not.toContain('/assets/console.js')
    expect((await client.get(`/api/outbox?token=${CONSOLE_TOKEN}`)).status).toBe(401)
    expect((await client.request(`/payhooks/login?token=${CONSOLE_TOKEN}`, { method: 'POST' })).status).toBe(401)
  })

  it('exchanges the right token for an HttpOnly SameSite=Strict session cookie that is not the token', async () => {
    const client = consoleClient(harness.console)
    const response = await client.signIn()
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe('/payhooks')
    const cookies = response.headers.getSetCookie()
    expect(cookies).toHaveLength(2)
    for (const cookie of cookies) {
      expect(cookie).toMatch(/; Path=\/payhooks; Max-Age=43200; HttpOnly; SameSite=Strict$/)
      expect(cookie).not.toContain(CONSOLE_TOKEN)
    }
    const page = await client.get('')
    expect(page.status).toBe(200)
    expect(page.text).toContain('src="/payhooks/assets/console.js"')
    expect(page.text).toContain("This instance's deliveries")
    expectSecurityHeaders(page)
  })

  it('marks the cookies Secure when the console is reached over https', async () => {
    const client = consoleClient(harness.console, 'https://console.example')
    const response = await client.signIn()
    for (const cookie of response.headers.getSetCookie()) expect(cookie).toMatch(/; Secure$/)
  })

  it('refuses forged, foreign and expired session cookies', async () => {
    const other = createConsole(harness.hooks, { token: 'another-console-token-0123456789abcdef' })
    const foreign = consoleClient(other)
    await foreign.signIn('another-console-token-0123456789abcdef')
    const session = foreign.cookies.get('payhooks_console') as string
    const [issuedAt] = session.split('.')
    for (const value of [session, `${issuedAt}.${'0'.repeat(64)}`, `${Date.now() + 60_000}.${'0'.repeat(64)}`, 'garbage', CONSOLE_TOKEN]) {
      const response = await consoleClient(harness.console).request('/payhooks/api/outbox', { headers: { cookie: `payhooks_console=${value}` } })
      expect(response.status, value).toBe(401)
    }
    const shortLived = createConsole(harness.hooks, { token: CONSOLE_TOKEN, sessionMs: 1 })
    const client = consoleClient(shortLived)
    await client.signIn()
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect((await client.get('/api/outbox')).status).toBe(401)
  })

  it('signs out: the cookies are cleared and the session is refused afterwards', async () => {
    const client = consoleClient(harness.console)
    await client.signIn()
    const out = await client.post('/api/logout', {})
    expect(out.status).toBe(200)
    expect(out.headers.getSetCookie().every((c) => /=; Path=\/payhooks; Max-Age=0;/.test(c))).toBe(true)
    expect((await client.get('/api/outbox')).status).toBe(401)
  })
})

describe('actions', () => {
  it('answer 403 without the CSRF token, with a wrong one, or without the CSRF cookie', async () => {
    const client = consoleClient(harness.console)
    await client.signIn()
    for (const [path, body] of ACTIONS) {
      const without = await client.post(path, body, { withCsrf: false })
      expect(without.status, path).toBe(403)
      expectSecurityHeaders(without)
      const wrong = await client.request(`/payhooks${path}`, { method: 'POST', body: JSON.stringify(body), withCsrf: false, headers: { 'content-type': 'application/json', 'x-payhooks-csrf': 'f'.repeat(64) } })
      expect(wrong.status, path).toBe(403)
    }
    const csrf = client.cookies.get('payhooks_csrf') as string
    const session = client.cookies.get('payhooks_console') as string
    const noCookie = await client.request('/payhooks/api/retry', {
      method: 'POST',
      body: '{"all":true}',
      withCookies: false,
      withCsrf: false,
      headers: { 'content-type': 'application/json', cookie: `payhooks_console=${session}`, 'x-payhooks-csrf': csrf },
    })
    expect(noCookie.status).toBe(403)
  })

  it('are JSON only (a cross-site form cannot post one) and GET never acts', async () => {
    const client = consoleClient(harness.console)
    await client.signIn()
    const form = await client.request('/payhooks/api/retry', { method: 'POST', body: 'all=true', headers: { 'content-type': 'application/x-www-form-urlencoded' } })
    expect(form.status).toBe(415)
    for (const [path] of ACTIONS) expect((await client.get(path)).status, path).toBe(404)
    expect((await client.request('/payhooks/api/outbox', { method: 'DELETE' })).status).toBe(405)
  })
})

describe('what is served', () => {
  it('serves the script and stylesheet to anyone (they are the package code, no data), with the CSP', async () => {
    const client = consoleClient(harness.console)
    const script = await client.get('/assets/console.js')
    expect(script.status).toBe(200)
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expectSecurityHeaders(script)
    expect((await client.get('/assets/console.css')).headers.get('content-type')).toBe('text/css; charset=utf-8')
    expect((await client.get('/assets/signin.html')).status).toBe(404)
    expect((await client.get('/assets/../api/outbox')).status).not.toBe(200)
  })

  it('answers 404 outside its base path', async () => {
    const response = await consoleClient(harness.console).request('/elsewhere')
    expect(response.status).toBe(404)
    expect((await consoleClient(harness.console).request('/payhooksx/api/outbox')).status).toBe(404)
  })
})

describe('when the store fails', () => {
  it('answers 500 without the detail (paths, hosts) and recovers once it is back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'payhooks-console-down-'))
    const file = join(dir, 'closed.sqlite')
    const store = sqliteStore({ filename: file })
    const down = await createHarness(store)
    try {
      const client = consoleClient(down.console)
      await client.signIn()
      await store.close?.()
      for (const path of ['/api/outbox', '/api/stuck', '/api/health', '/api/deliveries']) {
        const response = await client.get(path)
        expect(response.status, path).toBe(500)
        expect(JSON.parse(response.text)).toEqual({ error: { code: 'CONSOLE_ERROR', message: 'The console could not answer; see the application log.' } })
        expect(response.text).not.toContain(dir)
      }
    } finally {
      await down.close().catch(() => {})
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('with a host-supplied authorize(request)', () => {
  it('lets in exactly the requests it approves; a throw is a refusal; there is no token sign-in', async () => {
    const authorized = createConsole(harness.hooks, { authorize: (request) => request.headers.get('x-operator') === 'ops-7' })
    const refuses = createConsole(harness.hooks, {
      authorize: () => {
        throw new Error('session store down')
      },
    })
    const client = consoleClient(authorized)
    expect((await client.get('/api/outbox')).status).toBe(401)
    expect((await client.request('/payhooks/api/outbox', { headers: { 'x-operator': 'ops-7' } })).status).toBe(200)
    expect((await consoleClient(refuses).request('/payhooks/api/outbox', { headers: { 'x-operator': 'ops-7' } })).status).toBe(401)
    expect((await client.request('/payhooks/login', { method: 'POST', body: `token=${CONSOLE_TOKEN}`, headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-operator': 'ops-7' } })).status).toBe(404)
    const page = await client.get('')
    expect(page.status).toBe(401)
    expect(page.text).not.toContain('<form')
    // Actions still need the double-submit token, which bootstrap hands out with its cookie.
    const boot = await client.request('/payhooks/api/bootstrap', { headers: { 'x-operator': 'ops-7' } })
    const { csrf } = JSON.parse(boot.text) as { csrf: string }
    const headers = { 'x-operator': 'ops-7', 'content-type': 'application/json' }
    expect((await client.request('/payhooks/api/retry', { method: 'POST', body: '{"all":true}', withCsrf: false, headers })).status).toBe(403)
    expect((await client.request('/payhooks/api/retry', { method: 'POST', body: '{"all":true}', withCsrf: false, headers: { ...headers, 'x-payhooks-csrf': csrf } })).status).toBe(200)
  })
})
