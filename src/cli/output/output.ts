import type { CliIo } from '../io.js'
import { createStyle, useColour, type Style } from './style.js'

export interface Output {
  style: Style
  json: boolean
  /** A line (or block) for people, on stdout; nothing under --json. */
  print(text: string): void
  /** Under --json, the one JSON document on stdout. */
  printJson(value: unknown): void
  /** Warnings and errors, on stderr, also under --json. */
  warn(text: string): void
  /** Never print `secret`: every later write has it (and its URL-encoded form) replaced. */
  hide(secret: string): void
}

export function createOutput(io: CliIo, json: boolean): Output {
  const style = createStyle(!json && useColour(io.stdout, io.env))
  const hidden: string[] = []
  const scrub = (text: string) => hidden.reduce((out, secret) => out.replaceAll(secret, '[secret]'), text)
  return {
    style,
    json,
    print: (text) => void (json ? undefined : io.stdout.write(scrub(text.endsWith('\n') ? text : `${text}\n`))),
    printJson: (value) => void io.stdout.write(scrub(`${JSON.stringify(value, null, 2)}\n`)),
    warn: (text) => void io.stderr.write(scrub(`${text}\n`)),
    hide(secret) {
      // Longest first, so a form containing another is replaced whole.
      for (const form of [secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)]) if (form.length >= 4 && !hidden.includes(form)) hidden.push(form)
      hidden.sort((a, b) => b.length - a.length)
    },
  }
}
