/**
 * The provider a webhook URL is for: the LAST path segment that names a registered provider, so a
 * secret segment after it (`/webhooks/refract/<token>`) and any mount prefix before it are skipped.
 * Undefined when no segment names one.
 *
 * Walks the path backwards with indexOf instead of split/filter/map: no array per request and no
 * decodeURIComponent for a segment without '%' (saves ~1 µs per request; the URL parser would cost
 * more still). Decoding a segment without '%' is the identity, so the answer is the same.
 */
export function resolveProvider(url: string, providers: readonly string[]): string | undefined {
  const { start, end } = pathSpan(url)
  let segmentEnd = end
  while (segmentEnd > start) {
    const slash = url.lastIndexOf('/', segmentEnd - 1)
    const segmentStart = slash < start ? start : slash + 1
    if (segmentStart < segmentEnd) {
      const segment = decodeSegment(url.slice(segmentStart, segmentEnd))
      if (providers.includes(segment)) return segment
    }
    segmentEnd = segmentStart - 1
  }
  return undefined
}

/** Where the path is in `url`: after any scheme and host, before any query or fragment. */
function pathSpan(url: string): { start: number; end: number } {
  let start = 0
  const scheme = url.indexOf('://')
  if (scheme !== -1) {
    const slash = url.indexOf('/', scheme + 3)
    start = slash === -1 ? url.length : slash
  }
  let end = url.length
  const query = url.indexOf('?', start)
  if (query !== -1) end = query
  const hash = url.indexOf('#', start)
  if (hash !== -1 && hash < end) end = hash
  return { start, end }
}

function decodeSegment(segment: string): string {
  if (!segment.includes('%')) return segment
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}
