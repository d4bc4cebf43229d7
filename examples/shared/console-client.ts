// A script's way into the operator console: sign in with the token once, then call its JSON API with the
// session cookie and the CSRF token, as the page's own script does.

export interface ConsoleClient {
  get<T>(path: string): Promise<T>
  post<T>(path: string, body: Record<string, unknown>): Promise<T>
}

export async function signInToConsole(consoleUrl: string, token: string): Promise<ConsoleClient> {
  const login = await fetch(`${consoleUrl}/login`, { method: 'POST', body: new URLSearchParams({ token }), redirect: 'manual' })
  const cookies = new Map<string, string>()
  const keep = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';', 1)
      const at = pair.indexOf('=')
      cookies.set(pair.slice(0, at), pair.slice(at + 1))
    }
  }
  keep(login)
  if (cookies.size === 0) throw new Error(`console sign-in was refused (${login.status})`)
  const header = () => [...cookies].map(([name, value]) => `${name}=${value}`).join('; ')
  const call = async <T>(path: string, init: RequestInit = {}): Promise<T> => {
    const response = await fetch(`${consoleUrl}/api/${path}`, { ...init, headers: { ...init.headers, cookie: header() } })
    keep(response)
    if (!response.ok) throw new Error(`console ${path}: ${response.status} ${await response.text()}`)
    return (await response.json()) as T
  }
  const { csrf } = await call<{ csrf: string }>('bootstrap')
  return {
    get: (path) => call(path),
    post: (path, body) => call(path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', 'x-payhooks-csrf': csrf } }),
  }
}
