import { createConsole, type PayhooksConsole } from 'payhooks/console'
import type { Payhooks } from 'payhooks'

/** Where the token comes from: $PAYHOOKS_CONSOLE_TOKEN, else a public demo token (printed at start-up, never for production). */
export const CONSOLE_TOKEN_ENV = 'PAYHOOKS_CONSOLE_TOKEN'
export const DEMO_CONSOLE_TOKEN = 'payhooks-demo-console-token-change-me'

export function exampleConsoleToken(override?: string): string {
  return override ?? process.env[CONSOLE_TOKEN_ENV] ?? DEMO_CONSOLE_TOKEN
}

/** The operator console every example mounts at /payhooks. */
export function exampleConsole(hooks: Payhooks, token: string): PayhooksConsole {
  return createConsole(hooks, { token, basePath: '/payhooks' })
}
