import { realpathSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { CONSOLE_TOKEN_ENV, DEMO_CONSOLE_TOKEN } from './example-console.js'
import { SECRET_SOURCES } from './example-secrets.js'
import type { ExampleOptions, RunningExample } from './create-example-hooks.js'

/**
 * Starts the example when its file is the one run (`tsx examples/fastify/server.ts`), not when a test
 * or the demo imports it; prints where to point each provider and stops cleanly on Ctrl-C.
 */
export function runWhenMain(moduleUrl: string, startServer: (options?: ExampleOptions) => Promise<RunningExample>): void {
  const entry = process.argv[1]
  if (entry === undefined || pathToFileURL(realpathSync(entry)).href !== pathToFileURL(realpathSync(new URL(moduleUrl))).href) return
  startServer({ host: process.env.HOST ?? '127.0.0.1' }).then(
    (running) => {
      const { url } = running
      console.log(`payhooks example listening on ${url}`)
      console.log(`  Midtrans   ${url}/webhooks/midtrans`)
      console.log(`  AzamPay    ${url}/webhooks/azampay?token=<$${SECRET_SOURCES.azampay.env}>`)
      console.log(`  ClickPesa  ${url}/webhooks/clickpesa`)
      console.log(`  DataMart   ${url}/webhooks/datamart`)
      console.log(`  Refract    ${url}/webhooks/refract/<$${SECRET_SOURCES.refract.env}>`)
      console.log(`  admin feed ${url}/events (text/event-stream)`)
      // The demo token is public anyway; a token from the environment is never printed.
      const token = process.env[CONSOLE_TOKEN_ENV] === undefined ? `demo token ${DEMO_CONSOLE_TOKEN}` : `token from $${CONSOLE_TOKEN_ENV}`
      console.log(`  console    ${url}/payhooks (${token})`)
      const stop = () => void running.close().then(() => process.exit(0))
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
    },
    (error: unknown) => {
      console.error(error)
      process.exit(1)
    },
  )
}
