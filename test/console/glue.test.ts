import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import express from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPayhooks, memoryStore } from 'payhooks'
import { createConsole } from 'payhooks/console'
import { samples, signWebhook } from 'payhooks/testing'
import type { ExampleOptions, RunningExample } from '../../examples/shared/create-example-hooks.js'
import { serveNode } from '../../examples/shared/serve-node.js'
import { exampleProviders } from '../../examples/shared/example-providers.js'
import { readSse } from '../notifiers/sse-reader.js'
import { CONSOLE_TOKEN, NEVER_SHOWN, SECRETS } from './fixtures/console-harness.js'

// The console over real HTTP on 127.0.0.1 through each glue: the examples (Express, Fastify, Hono) and
// plain node:http, including Express with body parsers mounted before it.

type Served = { url: string; hooks: RunningExample['hooks']; close(): Promise<void> }
const dir = mkdtempSync(join(tmpdir(), 'payhooks-console-glue-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const example = (name: 'express' | 'fastify' | 'hono') => async (): Promise<Served> => {
  const { startServer } = (await import(`../../examples/${name}/server.ts`)) as { startServer: (o: ExampleOptions) => Promise<RunningExample> }
  return startServer({ port: 0, dbFile: join(dir, `${name}.sqlite`), secrets: SECRETS, print: () => {}, consoleToken: CONSOLE_TOKEN })
}

async function nodeHttp(): Promise<Served> {
  const hooks = createPayhooks({ providers: exampleProviders(SECRETS), store: memoryStore() })
  const payhooksConsole = createConsole(hooks, { token: CONSOLE_TOKEN })
  const server = await serveNode(createServer((req, res) => void payhooksConsole.node(req, res)), 0, '127.0.0.1')
  return { url: server.url, hooks, close: async () => (await server.close(), await hooks.close()) }
}

/** Express with express.json() and urlencoded() before the console: it re-encodes what they parsed. */
async function expressParsedFirst(): Promise<Served> {
  const hooks = createPayhooks({ providers: exampleProviders(SECRETS), store: memoryStore() })
  const payhooksConsole = createConsole(hooks, { token: CONSOLE_TOKEN, basePath: '/ops/console' })
  const app = express()
  app.use(express.json(), express.urlencoded({ extended: false }))
  app.use('/ops', (req, res, next) => void payhooksConsole.node(req, res, next))
  app.get('/ops/other', (_req, res) => void res.send('the app'))
  const server = await serveNode(createServer(app), 0, '127.0.0.1')
  return { url: server.url, hooks, close: async () => (await server.close(), await hooks.close()) }
}

const servers: Record<string, [() => Promise<Served>, string]> = {
  'the Express example': [example('express'), '/payhooks'],
  'the Fastify example': [example('fastify'), '/payhooks'],
  'the Hono example': [example('hono'), '/payhooks'],
  'node:http': [nodeHttp, '/payhooks'],
  'Express with body parsers first, mounted under /ops': [expressParsedFirst, '/ops/console'],
}

describe.each(Object.keys(servers))('the console through %s', (name) => {
  const [start, base] = servers[name] as [() => Promise<Served>, string]
  let served: Served
  let cookie = ''
  const texts: string[] = []
  const call = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(served.url + base + path, { redirect: 'manual', ...init, headers: { cookie, ...(init.headers as Record<string, string>) } })
    return response
  }

  beforeAll(async () => {
    served = await start()
  })
  afterAll(async () => {
    for (const secret of NEVER_SHOWN) expect(texts.join('\n')).not.toContain(secret)
    await served?.close()
  })

  it('signs in with the form, serves the page, refuses actions without CSRF and runs them with it', async () => {
    expect((await call('/api/outbox')).status).toBe(401)
    const wrong = await call('/login', { method: 'POST', body: new URLSearchParams({ token: 'x'.repeat(40) }) })
    expect(wrong.status).toBe(401)
    texts.push(await wrong.text())
    const login = await call('/login', { method: 'POST', body: new URLSearchParams({ token: CONSOLE_TOKEN }) })
    expect(login.status).toBe(303)
    expect(login.headers.get('location')).toBe(base)
    const cookies = login.headers.getSetCookie()
    expect(cookies).toHaveLength(2)
    for (const line of cookies) expect(line).toContain(`Path=${base}; Max-Age=43200; HttpOnly; SameSite=Strict`)
    cookie = cookies.map((line) => line.split(';', 1)[0]).join('; ')
    const page = await call('')
    expect(page.status).toBe(200)
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'")
    const html = await page.text()
    expect(html).toContain(`src="${base}/assets/console.js"`)
    const script = await call('/assets/console.js')
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    const { csrf } = (await (await call('/api/bootstrap')).json()) as { csrf: string }
    const headers = { 'content-type': 'application/json' }
    expect((await call('/api/retry', { method: 'POST', body: '{"all":true}', headers })).status).toBe(403)
    const retried = await call('/api/retry', { method: 'POST', body: '{"all":true}', headers: { ...headers, 'x-payhooks-csrf': csrf } })
    expect(retried.status).toBe(200)
    expect(await retried.json()).toEqual({ requeued: 0 })
  })

  it('streams the live feed over HTTP as deliveries arrive', async () => {
    const abort = new AbortController()
    const feed = await call('/api/feed', { signal: abort.signal })
    expect(feed.status).toBe(200)
    expect(feed.headers.get('content-type')).toBe('text/event-stream')
    const stream = readSse(feed.body as ReadableStream<Uint8Array>)
    await stream.untilFrame((frame) => frame.comment === 'connected', 'the connected comment')
    const reference = `GLUE-${name.length}-${Date.now().toString(36)}`
    const signed = await signWebhook('midtrans', samples.midtrans.completed({ order_id: reference }), { secret: SECRETS.midtrans })
    await served.hooks.handle('midtrans', { body: signed.body, headers: signed.headers, url: signed.url, method: 'POST' })
    await stream.untilFrame((frame) => frame.event === 'delivery' && frame.data?.includes(reference) === true, 'the delivery frame')
    texts.push(JSON.stringify(stream.frames))
    abort.abort()
    await stream.cancel().catch(() => {})
  })

  it('leaves other paths to the application', async () => {
    if (name.startsWith('Express with')) expect(await (await fetch(`${served.url}/ops/other`)).text()).toBe('the app')
    expect((await fetch(`${served.url}${base}x/api/outbox`)).status).toBe(404)
  })
})
