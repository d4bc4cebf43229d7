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

function pathSegments(url: string): string[] {
  let path: string
  try {
    path = new URL(url, 'http://localhost').pathname
  } catch {
    return []
  }
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
