/** An ISO-8601 timestamp from a payload as a Date; undefined when absent or unreadable (never Invalid Date). */
export function parseIsoDate(value: string | null | undefined): Date | undefined {
  if (value === undefined || value === null) return undefined
  const date = new Date(value)
  return Number.isNaN(date.getTime()) ? undefined : date
}
