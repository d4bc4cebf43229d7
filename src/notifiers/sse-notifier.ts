import type { Notifier, Transition } from '../engine/types.js'
import type { SseClient } from './sse-client.js'
import { sseResponseClient, type SseResponse } from './sse-response-client.js'
import { sseStreamClient } from './sse-stream-client.js'

export interface SseNotifierOptions {
  /** Unique among the notifiers of one createPayhooks(). Default 'sse'. */
  name?: string | undefined
  /** A comment line this often keeps proxies and load balancers from closing idle streams. Default 15 s. */
  heartbeatMs?: number | undefined
}

/** What the handler needs of the request: node:http, Express `req`, Fastify `request.raw`. */
export interface SseRequest {
  httpVersionMajor?: number | undefined
}

export interface SseNotifier extends Notifier {
  /** A node:http-style handler: Express route, Fastify `reply.hijack()` + `reply.raw`, plain node:http. */
  handler(req: SseRequest, res: SseResponse): void
  /** The same feed as a web Response (Hono, Bun, Deno); the stream ends when `request.signal` aborts. */
  fetchHandler(request?: Request): Response
  /** Dashboards connected right now. */
  readonly clientCount: number
  /** Ends every stream and stops the heartbeat; later connections are answered 503. */
  close(): void
}

const STREAM_HEADERS = {
  'content-type': 'text/event-stream',
  'cache-control': 'no-cache',
  // nginx buffers proxied responses by default, which would hold events back.
  'x-accel-buffering': 'no',
}

function frame(transition: Transition): string {
  // A line break in the id would end the field early and corrupt the frame.
  const id = transition.id.replace(/[\r\n\0]/g, '')
  return `id: ${id}\nevent: ${transition.type}\ndata: ${JSON.stringify(transition)}\n\n`
}

/**
 * A `text/event-stream` broadcaster for admin dashboards ("order paid" as it happens). It is a live view,
 * not a queue: notify() writes to the dashboards connected at that moment and resolves, also when none
 * is, so the outbox does not retry an event for nobody; a dashboard loads current state from the store
 * when it (re)connects. A client that has gone is dropped and never fails notify(), so one closed tab
 * cannot make the engine retry.
 */
export function sseNotifier(options: SseNotifierOptions = {}): SseNotifier {
  const heartbeatMs = options.heartbeatMs ?? 15_000
  if (!(heartbeatMs > 0)) throw new TypeError('sseNotifier: heartbeatMs must be a positive number')
  const clients = new Set<SseClient>()
  let heartbeat: ReturnType<typeof setInterval> | undefined
  let closed = false

  function drop(client: SseClient): void {
    if (!clients.delete(client)) return
    client.end()
    if (clients.size === 0 && heartbeat !== undefined) {
      clearInterval(heartbeat)
      heartbeat = undefined
    }
  }

  function broadcast(chunk: string): void {
    for (const client of clients) if (!client.send(chunk)) drop(client)
  }

  function add(client: SseClient): void {
    clients.add(client)
    if (!client.send(': connected\n\n')) return drop(client)
    if (heartbeat === undefined) {
      heartbeat = setInterval(() => broadcast(': heartbeat\n\n'), heartbeatMs)
      // An open dashboard must not keep a finished process alive.
      ;(heartbeat as { unref?: () => void }).unref?.()
    }
  }

  function handler(req: SseRequest, res: SseResponse): void {
    if (closed) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' })
      res.end()
      return
    }
    const headers: Record<string, string> = { ...STREAM_HEADERS }
    // HTTP/2 forbids connection-specific headers; node's http2 compatibility layer throws on them.
    if ((req?.httpVersionMajor ?? 1) < 2) headers.connection = 'keep-alive'
    res.writeHead(200, headers)
    res.flushHeaders?.()
    const client = sseResponseClient(res)
    res.on('close', () => drop(client))
    res.on('error', () => drop(client))
    add(client)
  }

  function fetchHandler(request?: Request): Response {
    if (closed) return new Response(null, { status: 503 })
    const { client, stream } = sseStreamClient(drop)
    if (request?.signal.aborted === true) client.end()
    else {
      request?.signal.addEventListener('abort', () => drop(client), { once: true })
      add(client)
    }
    // No `connection` header: hop-by-hop headers belong to the server, and HTTP/2 servers refuse them.
    return new Response(stream, { status: 200, headers: STREAM_HEADERS })
  }

  return {
    name: options.name ?? 'sse',
    // No signal to honour: a broadcast is synchronous writes to buffers and is over before any deadline.
    async notify(transition) {
      broadcast(frame(transition))
    },
    handler,
    fetchHandler,
    get clientCount() {
      return clients.size
    },
    close() {
      closed = true
      for (const client of [...clients]) drop(client)
    },
  }
}
