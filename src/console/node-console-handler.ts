// No node: imports: structural types keep this file loadable on every runtime the console module is.

/** What the glue needs of a node:http / Express / Fastify `request.raw` request. */
export interface NodeLikeRequest {
  url?: string | undefined
  /** Express keeps the mount prefix here (req.url loses it inside app.use('/x', …)). */
  originalUrl?: string
  method?: string | undefined
  headers: Record<string, string | string[] | undefined>
  // remoteAddress only so that a net.Socket is not a "weak type" mismatch; TLS sockets set encrypted.
  socket?: { encrypted?: boolean; remoteAddress?: string | undefined } | null
  readableEnded?: boolean
  /** Set by a body parser that ran first (Express); the console re-encodes its small bodies. */
  body?: unknown
  on(event: 'data', listener: (chunk: Uint8Array | string) => void): unknown
  on(event: 'end' | 'error' | 'aborted', listener: (error?: unknown) => void): unknown
}

export interface NodeLikeResponse {
  writeHead(status: number, headers: Record<string, string | string[]>): unknown
  write(chunk: Uint8Array): boolean
  end(chunk?: Uint8Array): unknown
  on(event: 'close', listener: () => void): unknown
  flushHeaders?(): void
  readonly headersSent?: boolean
}

export type NodeConsoleHandler = (req: NodeLikeRequest, res: NodeLikeResponse, next?: (error?: unknown) => void) => Promise<void>

const MAX_BODY_BYTES = 16 * 1024
const encoder = new TextEncoder()

function readStream(req: NodeLikeRequest): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = []
    let size = 0
    req.on('data', (chunk) => {
      const bytes = typeof chunk === 'string' ? encoder.encode(chunk) : chunk
      size += bytes.byteLength
      // Past the limit the rest is dropped; the console refuses the body as too large or invalid.
      if (size <= MAX_BODY_BYTES + 1) chunks.push(bytes)
    })
    req.on('end', () => {
      const body = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0))
      let offset = 0
      for (const chunk of chunks) {
        body.set(chunk, offset)
        offset += chunk.byteLength
      }
      resolve(body)
    })
    req.on('error', reject)
    req.on('aborted', () => reject(new Error('The client went away mid-body.')))
  })
}

/** The body as sent, or re-encoded from what a body parser (express.json / urlencoded) made of it. */
async function readBody(req: NodeLikeRequest): Promise<Uint8Array | string> {
  if (req.readableEnded !== true) return readStream(req)
  if (req.body instanceof Uint8Array || typeof req.body === 'string') return req.body
  if (req.body === null || typeof req.body !== 'object') return ''
  const type = String(req.headers['content-type'] ?? '')
  return type.includes('urlencoded') ? new URLSearchParams(req.body as Record<string, string>).toString() : JSON.stringify(req.body)
}

/** A fresh ArrayBuffer-backed copy: Request accepts no view of a shared or pooled buffer (node's Buffer pool). */
function asBody(body: Uint8Array | string): BodyInit {
  return typeof body === 'string' ? body : new Uint8Array(body)
}

function toHeaders(req: NodeLikeRequest): Headers {
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name.startsWith(':')) continue
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one)
  }
  return headers
}

function isUnder(path: string, basePath: string): boolean {
  return path === basePath || path.startsWith(`${basePath}/`)
}

/**
 * The web Request for a node-style request, with `body` already read (undefined for GET), its abort
 * signal tied to the response closing (that is how the live feed learns the browser left). Undefined
 * when the Host header or path cannot form a URL.
 */
export function toWebRequest(req: NodeLikeRequest, res: NodeLikeResponse, body: Uint8Array | string | undefined): Request | undefined {
  const url = req.originalUrl ?? req.url ?? '/'
  const forwarded = String(req.headers['x-forwarded-proto'] ?? '').split(',', 1)[0]?.trim()
  const protocol = req.socket?.encrypted === true || forwarded === 'https' ? 'https' : 'http'
  const abort = new AbortController()
  res.on('close', () => abort.abort())
  try {
    const init: RequestInit = { method: (req.method ?? 'GET').toUpperCase(), headers: toHeaders(req), signal: abort.signal }
    if (body !== undefined) init.body = asBody(body)
    return new Request(`${protocol}://${String(req.headers.host ?? 'localhost')}${url}`, init)
  } catch {
    return undefined
  }
}

/**
 * node:http and Express/Connect glue (`app.use(console.node)`): turns the request into a web Request
 * and streams the Response back (the live feed is an endless SSE body). Outside basePath it calls
 * `next`, or answers 404.
 */
export function nodeConsoleHandler(handle: (request: Request) => Promise<Response>, basePath: string): NodeConsoleHandler {
  return async function consoleNodeHandler(req, res, next) {
    const url = req.originalUrl ?? req.url ?? '/'
    if (!isUnder(url.split('?', 1)[0] as string, basePath)) {
      if (next !== undefined) return next()
      return sendNodeConsoleResponse(res, await handle(new Request('http://localhost/')))
    }
    try {
      const method = (req.method ?? 'GET').toUpperCase()
      const request = toWebRequest(req, res, method === 'GET' || method === 'HEAD' ? undefined : await readBody(req))
      if (request === undefined) {
        // A Host header or path no URL can hold: nothing the console serves.
        res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' })
        return void res.end()
      }
      await sendNodeConsoleResponse(res, await handle(request))
    } catch (error) {
      if (next !== undefined) return next(error)
      if (res.headersSent !== true) res.writeHead(500, {})
      res.end()
    }
  }
}

/** Writes a web Response to a node-style response, streaming its body until it ends or the client leaves. */
export async function sendNodeConsoleResponse(res: NodeLikeResponse, response: Response): Promise<void> {  const headers: Record<string, string | string[]> = {}
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value
  })
  const cookies = response.headers.getSetCookie()
  if (cookies.length > 0) headers['set-cookie'] = cookies
  res.writeHead(response.status, headers)
  if (response.body === null) return void res.end()
  res.flushHeaders?.()
  const reader = response.body.getReader()
  res.on('close', () => void reader.cancel().catch(() => {}))
  for (;;) {
    const { done, value } = await reader.read().catch(() => ({ done: true as const, value: undefined }))
    if (done) break
    res.write(value)
  }
  res.end()
}
