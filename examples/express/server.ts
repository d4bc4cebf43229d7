// payhooks with Express: `tsx examples/express/server.ts` (PORT, HOST, PAYHOOKS_DB and the secrets in
// examples/shared/example-secrets.ts come from the environment).
import { createServer } from 'node:http'
import express from 'express'
import { expressWebhooks } from 'payhooks/express'
import { createExampleHooks, runningExample, type ExampleOptions, type RunningExample } from '../shared/create-example-hooks.js'
import { runWhenMain } from '../shared/run-when-main.js'
import { serveNode } from '../shared/serve-node.js'

export async function startServer(options: ExampleOptions = {}): Promise<RunningExample> {
  const example = createExampleHooks(options)
  const { hooks, events, port, host } = example
  const app = express()
  // Before express.json(): the router reads the raw bytes the providers signed.
  app.use('/webhooks', expressWebhooks(hooks))
  // The operator console at /payhooks (sign in with the console token).
  app.use(example.console.node)
  app.use(express.json())
  app.get('/events', (req, res) => events.handler(req, res))
  app.get('/records', async (_req, res) => void res.json(await hooks.records()))

  const server = await serveNode(createServer(app), port, host)
  return runningExample(example, server.url, server.close)
}

runWhenMain(import.meta.url, startServer)
