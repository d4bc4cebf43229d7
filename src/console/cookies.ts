/** The cookies of a request, by name (first occurrence wins). */
export function readCookies(request: Request): Map<string, string> {
  const cookies = new Map<string, string>()
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const at = part.indexOf('=')
    if (at <= 0) continue
    const name = part.slice(0, at).trim()
    if (!cookies.has(name)) cookies.set(name, part.slice(at + 1).trim())
  }
  return cookies
}

export interface CookieOptions {
  path: string
  /** Seconds; 0 deletes the cookie. */
  maxAge: number
  secure: boolean
}

/** HttpOnly and SameSite=Strict always: no script reads it and no other site's request carries it. */
export function serializeCookie(name: string, value: string, options: CookieOptions): string {
  return `${name}=${value}; Path=${options.path}; Max-Age=${options.maxAge}; HttpOnly; SameSite=Strict${options.secure ? '; Secure' : ''}`
}

export function isHttps(request: Request): boolean {
  return new URL(request.url).protocol === 'https:'
}
