/**
 * Serves a web-standard handler on 127.0.0.1 with node:http, for fakes that must be real HTTP servers
 * (a host testing its own wiring, through its own proxy or fetch). node:http is imported when called,
 * so payhooks/testing still loads on runtimes without it.
 */
export interface ServedHandler {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  url: string
  close(): Promise<void>
}

export async function serveFetchHandler(handler: (request: Request) => Promise<Response>): Promise<ServedHandler> {
  const { createServer } = await import('node:http')
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const abort = new AbortController()
      res.on('close', () => abort.abort())
      const headers = new Headers()
      for (const [name, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value)
      }
      const method = req.method ?? 'GET'
      const body = method === 'GET' || method === 'HEAD' ? undefined : Buffer.concat(chunks)
      const request = new Request(`http://127.0.0.1${req.url ?? '/'}`, { method, headers, body, signal: abort.signal })
      handler(request).then(
        async (response) => {
          const out: Record<string, string> = {}
          response.headers.forEach((value, name) => {
            out[name] = value
          })
          res.writeHead(response.status, out)
          res.end(Buffer.from(await response.arrayBuffer()))
        },
        () => {
          if (!res.headersSent) res.writeHead(500)
          res.end()
        },
      )
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address !== null ? address.port : 0
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
