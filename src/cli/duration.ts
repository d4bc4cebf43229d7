import { UsageError } from './command.js'

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }

/** "10m", "90s", "2h", "1d", "500ms" → milliseconds; the unit is required, so "10" is never mistaken for 10 ms. */
export function parseDuration(text: string, option: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(text.trim())
  if (match === null) throw new UsageError(`--${option} takes a duration like 10m, 90s, 2h or 1d (got ${JSON.stringify(text)}).`)
  return Number(match[1]) * (UNITS[match[2] as string] as number)
}

/** How long ago, for people: "4m ago", "2h ago", "3d ago". */
export function age(date: Date, now: Date): string {
  const ms = Math.max(0, now.getTime() - date.getTime())
  if (ms < 60_000) return `${Math.round(ms / 1000)}s ago`
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)}m ago`
  if (ms < 86_400_000) return `${Math.round(ms / 3_600_000)}h ago`
  return `${Math.round(ms / 86_400_000)}d ago`
}
