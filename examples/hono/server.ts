// payhooks with Hono on Node: `tsx examples/hono/server.ts` (PORT, HOST, PAYHOOKS_DB and the secrets in
// examples/shared/example-secrets.ts come from the environment). The same app runs on Bun, Deno and
// Workers with their own server and store: hooks.fetch takes a web Request.
import type { Server } from 'node:http'
import { createAdaptorServer } from '@hono/node-server'
import { Hono } from 'hono'
import { createExampleHooks, runningExample, type ExampleOptions, type RunningExample } from '../shared/create-example-hooks.js'
import { runWhenMain } from '../shared/run-when-main.js'
import { serveNode } from '../shared/serve-node.js'

export async function startServer(options: ExampleOptions = {}): Promise<RunningExample> {
  const example = createExampleHooks(options)
  const { hooks, events, port, host } = example
  const app = new Hono()
  // c.req.raw is the untouched web Request: hooks.fetch reads its bytes and finds the provider in the path.
  app.all('/webhooks/*', (c) => hooks.fetch(c.req.raw))
  // The operator console at /payhooks (sign in with the console token): a web-standard handler too.
  app.all('/payhooks', (c) => example.console.fetch(c.req.raw))
  app.all('/payhooks/*', (c) => example.console.fetch(c.req.raw))
  app.get('/events', (c) => events.fetchHandler(c.req.raw))
  app.get('/records', async (c) => c.json(await hooks.records()))

  const server = await serveNode(createAdaptorServer({ fetch: app.fetch }) as Server, port, host)
  return runningExample(example, server.url, server.close)
}

runWhenMain(import.meta.url, startServer)
