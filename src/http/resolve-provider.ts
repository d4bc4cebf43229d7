/**
 * The provider a webhook URL is for: the LAST path segment that names a registered provider, so a
 * secret segment after it (`/webhooks/refract/<token>`) and any mount prefix before it are skipped.
 * Undefined when no segment names one.
 */
export function resolveProvider(url: string, providers: readonly string[]): string | undefined {
  const segments = pathSegments(url)
  for (let i = segments.length - 1; i >= 0; i--) {
    const segment = segments[i] as string
    if (providers.includes(segment)) return segment
  }
  return undefined
}

/** Decoded non-empty path segments; split by hand, since the URL parser costs more than the rest of routing. */
function pathSegments(url: string): string[] {
  let path = url
  const scheme = path.indexOf('://')
  if (scheme !== -1) {
    const slash = path.indexOf('/', scheme + 3)
    path = slash === -1 ? '/' : path.slice(slash)
  }
  const end = path.search(/[?#]/)
  if (end !== -1) path = path.slice(0, end)
  return path
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => {
      try {
        return decodeURIComponent(segment)
      } catch {
        return segment
      }
    })
}
