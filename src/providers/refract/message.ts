import type { Money } from '../../core/event.js'
import { toMoney } from '../../core/money.js'
import type { RefractPayload } from './schema.js'

/** Refract's order labels (providers.md §5.2), lower case, and the key each is read into. */
export const REFRACT_LABELS = {
  product: 'product',
  price: 'price',
  profile: 'profile',
  'proxy details': 'proxy',
  'proxy list': 'proxy',
  'share link': 'shareLink',
  'order number': 'orderNumber',
  email: 'email',
  image: 'image',
  quantity: 'quantity',
} as const
export type RefractOrderKey = (typeof REFRACT_LABELS)[keyof typeof REFRACT_LABELS]
/** The order data as written in the message (markdown wrappers removed). `proxy` may hold credentials. */
export type RefractOrderData = Partial<Record<RefractOrderKey, string>>

/** A heading line such as "Successful Checkout | Best Buy US", split at the first `|`. */
export interface RefractHeadingLine {
  /** The part before `|`, e.g. 'Successful Checkout'. */
  prefix: string
  /** The part after `|`, e.g. 'Best Buy US'. */
  store?: string
}

export interface RefractMessage {
  /** Candidate headings in order: each embed's author.name and title, then the first content line. */
  headings: RefractHeadingLine[]
  order: RefractOrderData
  /** The first embed timestamp (ISO 8601). */
  timestamp?: string
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u
const LABEL_KEYS: ReadonlyMap<string, RefractOrderKey> = new Map(Object.entries(REFRACT_LABELS))
const LABEL_INITIALS: ReadonlySet<string> = new Set(Object.keys(REFRACT_LABELS).map((label) => label[0] as string))
/** Longer than any label in REFRACT_LABELS, with room for decoration; longer text is never a label. */
const LONGEST_LABEL = 32
const VALUE_WRAPPERS = ['||', '**', '__', '`'] as const

// Text is trimmed with loops, not regexes: author names, titles and content have no length limit here,
// and an end-anchored character-class regex backtracks quadratically on a long run of those characters.

const isSpace = (char: string) => char === ' ' || char === '\t' || char === '\r' || char === '\n' || char === '\u00a0'
/** Markdown and punctuation around a label: `**Product**`, `__Price__:`, `Order Number:`. */
const isLabelDecoration = (char: string) => char === '*' || char === '_' || char === ':' || isSpace(char)
/** Emoji, bullets and markdown around a heading; a closing bracket at its end is text. */
const isHeadingLead = (char: string) => !isLetterOrDigit(char)
const isHeadingTail = (char: string) => char !== ')' && char !== ']' && !isLetterOrDigit(char)

/** ASCII without a regex (the common case), anything else by Unicode class. */
function isLetterOrDigit(char: string): boolean {
  const code = char.charCodeAt(0)
  if (code >= 128) return LETTER_OR_DIGIT.test(char)
  const lower = code | 32
  return (code >= 48 && code <= 57) || (lower >= 97 && lower <= 122)
}

function trimWhere(text: string, atStart: (char: string) => boolean, atEnd: (char: string) => boolean = atStart): string {
  let start = 0
  let end = text.length
  while (start < end && atStart(text[start] as string)) start++
  while (end > start && atEnd(text[end - 1] as string)) end--
  return text.slice(start, end)
}

function labelKey(label: string): RefractOrderKey | undefined {
  if (label.length > LONGEST_LABEL) return undefined
  const trimmed = trimWhere(label, isLabelDecoration)
  // Most lines are values; their first letter already rules them out without a lower-cased copy.
  if (!LABEL_INITIALS.has((trimmed[0] ?? '').toLowerCase())) return undefined
  return LABEL_KEYS.get(trimmed.toLowerCase())
}

/** The value without the markdown that wraps it, e.g. "||#BBY01-807102506907||" → "#BBY01-807102506907". */
function plainValue(value: string): string {
  const text = value.trim()
  let start = 0
  let end = text.length
  for (let unwrapped = true; unwrapped; ) {
    unwrapped = false
    for (const wrapper of VALUE_WRAPPERS) {
      if (end - start >= 2 * wrapper.length && text.startsWith(wrapper, start) && text.endsWith(wrapper, end)) {
        start += wrapper.length
        end -= wrapper.length
        while (start < end && isSpace(text[start] as string)) start++
        while (end > start && isSpace(text[end - 1] as string)) end--
        unwrapped = true
      }
    }
  }
  return text.slice(start, end)
}

/** First occurrence wins: fields, then description, then content, in message order. */
function record(order: RefractOrderData, key: RefractOrderKey, value: string): void {
  const plain = plainValue(value)
  if (plain !== '' && order[key] === undefined) order[key] = plain
}

/** The value of a "Label: Value" line; in "**Label:** Value" the bold closes after the colon. */
function afterInlineLabel(line: string, colon: number): string {
  const value = line.slice(colon + 1).trimStart()
  const bold = line.trimStart().slice(0, 2)
  return (bold === '**' || bold === '__') && value.startsWith(bold) ? value.slice(2) : value
}

/**
 * Reads "Label\nValue" pairs, "**Label**\nValue" and "Label: Value" lines. A bare label followed by
 * another label has an empty value and takes nothing from the next line.
 */
function readLabelledLines(lines: readonly string[], order: RefractOrderData): void {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string
    const bare = labelKey(line)
    if (bare !== undefined) {
      const next = lines[i + 1]
      if (next !== undefined && labelKey(next) === undefined) {
        record(order, bare, next)
        i++
      }
      continue
    }
    const colon = line.indexOf(':')
    const key = colon > 0 ? labelKey(line.slice(0, colon)) : undefined
    if (key !== undefined) record(order, key, afterInlineLabel(line, colon))
  }
}

/** Lines without blank ones; a CR left by CRLF is trimmed where each line is read. */
const nonBlankLines = (text: string) => text.split('\n').filter((line) => line.trim() !== '')

function headingLine(text: string | null | undefined): RefractHeadingLine | undefined {
  if (typeof text !== 'string') return undefined
  const bar = text.indexOf('|')
  const prefix = trimWhere(bar < 0 ? text : text.slice(0, bar), isHeadingLead, isHeadingTail)
  if (prefix === '') return undefined
  const store = bar < 0 ? '' : plainValue(trimWhere(text.slice(bar + 1), isHeadingLead, isHeadingTail))
  return store === '' ? { prefix } : { prefix, store }
}

/**
 * Everything payhooks reads from a Refract message. Whether Refract puts its order data in embed
 * `fields[]` or in `description` is not confirmed (providers.md §5.2), and plain `content` is possible
 * for a Discord webhook; all three are read the same way.
 */
export function readRefractMessage(payload: RefractPayload): RefractMessage {
  const headings: RefractHeadingLine[] = []
  const order: RefractOrderData = {}
  let timestamp: string | undefined
  const embeds = payload.embeds ?? []
  for (const embed of embeds) {
    for (const candidate of [headingLine(embed.author?.name), headingLine(embed.title)]) if (candidate) headings.push(candidate)
    timestamp ??= embed.timestamp ?? undefined
    for (const field of embed.fields ?? []) {
      const key = labelKey(field.name)
      if (key !== undefined) record(order, key, field.value)
    }
  }
  for (const embed of embeds) if (embed.description) readLabelledLines(nonBlankLines(embed.description), order)
  if (payload.content) {
    const lines = nonBlankLines(payload.content)
    const heading = headingLine(lines[0])
    if (heading) headings.push(heading)
    readLabelledLines(lines, order)
  }
  return timestamp === undefined ? { headings, order } : { headings, order, timestamp }
}

/** Currency symbols seen on checkout bots' price lines; a bare `$` is USD (the observed "$299.99", §5.2). */
const CURRENCY_SYMBOLS: Readonly<Record<string, string>> = {
  '$': 'USD', 'US$': 'USD', 'C$': 'CAD', 'CA$': 'CAD', 'A$': 'AUD', 'AU$': 'AUD', '£': 'GBP', '€': 'EUR',
}
/** "$299.99", "£1,299.00", "USD 299.99", "299.99 USD". A comma is only a thousands separator. */
const PRICE = /^(?:([A-Z]{3})\s*|([A-Z]{0,2}\$|[£€])\s*)?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:\s*([A-Z]{3}))?$/

const MAX_PRICE_LENGTH = 40

/** The price in minor units, or undefined when its currency or number cannot be read with certainty. */
export function refractPrice(price: string | undefined): Money | undefined {
  if (price === undefined || price.length > MAX_PRICE_LENGTH) return undefined
  const match = PRICE.exec(price)
  if (match === null) return undefined
  const [, codeBefore, symbol, number = '', codeAfter] = match
  const before = symbol === undefined ? codeBefore : CURRENCY_SYMBOLS[symbol]
  if (symbol !== undefined && before === undefined) return undefined
  if (before !== undefined && codeAfter !== undefined && before !== codeAfter) return undefined
  const currency = before ?? codeAfter
  return currency === undefined ? undefined : toMoney(number.replaceAll(',', ''), currency)
}
