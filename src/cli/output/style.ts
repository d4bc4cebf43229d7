import type { CliIo, CliStream } from '../io.js'

const CODES = { red: 31, green: 32, yellow: 33, dim: 2, bold: 1 } as const
type Colour = keyof typeof CODES

export interface Style {
  colour: boolean
  paint(colour: Colour, text: string): string
  /** ✓ / ✗ / – / ! with their colours. */
  mark(kind: MarkKind): string
  /** The same as a table cell: padded first, then painted. */
  markCell(kind: MarkKind): { text: string; paint: (padded: string) => string }
}

export type MarkKind = 'pass' | 'fail' | 'skip' | 'warn'

/** Colour only on a terminal, and never when NO_COLOR is set to anything but '' (no-color.org). */
export function useColour(stream: CliStream, env: CliIo['env']): boolean {
  return stream.isTTY === true && (env.NO_COLOR === undefined || env.NO_COLOR === '')
}

const MARKS = { pass: ['✓', 'green'], fail: ['✗', 'red'], skip: ['–', 'dim'], warn: ['!', 'yellow'] } as const

export function createStyle(colour: boolean): Style {
  const paint = (name: Colour, text: string) => (colour ? `\u001b[${CODES[name]}m${text}\u001b[0m` : text)
  return {
    colour,
    paint,
    mark: (kind) => paint(MARKS[kind][1], MARKS[kind][0]),
    markCell: (kind) => ({ text: MARKS[kind][0], paint: (padded) => paint(MARKS[kind][1], padded) }),
  }
}
