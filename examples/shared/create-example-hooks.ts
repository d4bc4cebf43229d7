import { createPayhooks, sseNotifier, type Notifier, type Payhooks, type RetryOptions, type SseNotifier, type Store } from 'payhooks'
import { sqliteStore } from 'payhooks/stores/sqlite'
import type { PayhooksConsole } from 'payhooks/console'
import { exampleConsole, exampleConsoleToken } from './example-console.js'
import { exampleProviders, type ExampleStatusApis } from './example-providers.js'
import { exampleSecrets, type ExampleSecrets } from './example-secrets.js'
import { smsNotifier } from './sms-notifier.js'

/** What every example's `startServer()` takes. */
export interface ExampleOptions {
  /** 0 picks a free port. Default: $PORT, else 3000. */
  port?: number
  /** Default 127.0.0.1: a local example should not listen on every interface. */
  host?: string
  /** The SQLite file. Default: $PAYHOOKS_DB, else ./payhooks-example.sqlite. */
  dbFile?: string
  /** A store in place of the SQLite file (the demo wraps one to stage a database outage). */
  store?: Store
  secrets?: Partial<ExampleSecrets>
  /** Provider status APIs for the reconciler (the demo uses a local fake). */
  statusApis?: ExampleStatusApis
  /** Where SMS lines are printed. Default console.log; the tests pass a no-op. */
  print?: (line: string) => void
  /** The operator console's token. Default: $PAYHOOKS_CONSOLE_TOKEN, else the public demo token. */
  consoleToken?: string
  /** Notifiers besides the SMS one and the feed (the console's browser test adds one it can make fail). */
  notifiers?: Notifier[]
  retry?: RetryOptions
}

/** What every example's `startServer()` resolves with. */
export interface RunningExample {
  /** e.g. http://127.0.0.1:3000 */
  url: string
  hooks: Payhooks
  /** SMS texts sent so far, oldest first. */
  notifications: string[]
  /** The operator console mounted at /payhooks. */
  console: PayhooksConsole
  close(): Promise<void>
}

export interface ExampleHooks {
  hooks: Payhooks
  notifications: string[]
  /** The admin feed served at GET /events. */
  events: SseNotifier
  /** The operator console, mounted at /payhooks by every server. */
  console: PayhooksConsole
  port: number
  host: string
}

/** The part the three servers share: providers, SQLite, the SMS notifier and the SSE feed. */
export function createExampleHooks(options: ExampleOptions = {}): ExampleHooks {
  const notifications: string[] = []
  const events = sseNotifier()
  const hooks = createPayhooks({
    providers: exampleProviders(exampleSecrets(options.secrets), options.statusApis),
    store: options.store ?? sqliteStore({ filename: options.dbFile ?? process.env.PAYHOOKS_DB ?? 'payhooks-example.sqlite' }),
    notifiers: [smsNotifier(notifications, options.print), events, ...(options.notifiers ?? [])],
    retry: options.retry,
  })
  const payhooksConsole = exampleConsole(hooks, exampleConsoleToken(options.consoleToken))
  return { hooks, notifications, events, console: payhooksConsole, port: options.port ?? Number(process.env.PORT ?? 3000), host: options.host ?? '127.0.0.1' }
}

/** The running example a server hands back: closing stops the feed, then the server, then the engine. */
export function runningExample(example: ExampleHooks, url: string, closeServer: () => Promise<void>): RunningExample {
  return {
    url,
    hooks: example.hooks,
    notifications: example.notifications,
    console: example.console,
    async close() {
      example.events.close()
      await closeServer()
      await example.hooks.close()
    },
  }
}
