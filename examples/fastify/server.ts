// payhooks with Fastify: `tsx examples/fastify/server.ts` (PORT, HOST, PAYHOOKS_DB and the secrets in
// examples/shared/example-secrets.ts come from the environment).
import Fastify from 'fastify'
import { fastifyConsole } from 'payhooks/console'
import { fastifyWebhooks } from 'payhooks/fastify'
import { createExampleHooks, runningExample, type ExampleOptions, type RunningExample } from '../shared/create-example-hooks.js'
import { runWhenMain } from '../shared/run-when-main.js'

export async function startServer(options: ExampleOptions = {}): Promise<RunningExample> {
  const example = createExampleHooks(options)
  const { hooks, events, port, host } = example
  // forceCloseConnections: close() must not wait for an open /events stream or an idle keep-alive socket.
  const app = Fastify({ forceCloseConnections: true })
  // Its raw-body parser stays inside the plugin; the rest of the app parses JSON as usual.
  await app.register(fastifyWebhooks, { hooks, prefix: '/webhooks' })
  // The operator console at /payhooks (sign in with the console token).
  await app.register(fastifyConsole, { console: example.console })
  app.get('/events', (request, reply) => {
    reply.hijack()
    events.handler(request.raw, reply.raw)
  })
  app.get('/records', () => hooks.records())

  await app.listen({ port, host })
  const address = app.server.address()
  const url = `http://${host}:${typeof address === 'object' && address !== null ? address.port : port}`
  return runningExample(example, url, () => app.close())
}

runWhenMain(import.meta.url, startServer)
