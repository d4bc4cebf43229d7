import type { Status } from '../../core/status.js'

/**
 * Heading prefixes (the part of `author.name` / `title` / the first content line before `|`), lower
 * case. Only "Successful Checkout" was observed (providers.md §5.2); the failure wordings are the ones
 * checkout bots use for a declined or failed attempt. Nothing documents Refract's failure heading, so
 * every spelling it might plausibly use is listed rather than guessed at runtime.
 */
export const REFRACT_HEADINGS = [
  'successful checkout',
  'failed checkout',
  'checkout failed',
  'checkout declined',
  'declined',
  'payment declined',
  'payment failed',
  'card declined',
] as const
export type RefractHeading = (typeof REFRACT_HEADINGS)[number]

export const REFRACT_HEADING_STATUS = {
  'successful checkout': 'completed',
  'failed checkout': 'failed',
  'checkout failed': 'failed',
  'checkout declined': 'failed',
  declined: 'failed',
  'payment declined': 'failed',
  'payment failed': 'failed',
  'card declined': 'failed',
} as const satisfies Record<RefractHeading, Status | null>

/** A letter or digit right after a table entry means another word, e.g. "declinedx". */
const WORD_CONTINUES = /^[\p{L}\p{N}]/u

/**
 * The status a heading prefix announces, matched case-insensitively on its start so that
 * "Checkout Failed (Card Declined)" or "Declined Checkout" still land. `null`: no known heading.
 */
export function refractStatus(heading: string): Status | null {
  const lower = heading.toLowerCase()
  for (const entry of REFRACT_HEADINGS) {
    if (lower.startsWith(entry) && !WORD_CONTINUES.test(lower.slice(entry.length))) return REFRACT_HEADING_STATUS[entry]
  }
  return null
}
