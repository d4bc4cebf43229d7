import { MAX_BUFFERED_BYTES, type SseClient } from './sse-client.js'

/** What the handler needs of the response: node:http `res`, Express `res`, Fastify `reply.raw`. */
export interface SseResponse {
  writeHead(statusCode: number, headers: Record<string, string>): unknown
  write(chunk: string): boolean
  end(): unknown
  on(event: 'close' | 'error', listener: () => void): unknown
  flushHeaders?(): void
  destroy?(): unknown
  readonly writableEnded?: boolean | undefined
  readonly destroyed?: boolean | undefined
  readonly writableLength?: number | undefined
}

/** A dashboard on a node-style response. A write to a dead socket reports the client gone, never throws. */
export function sseResponseClient(res: SseResponse): SseClient {
  const behind = () => (res.writableLength ?? 0) > MAX_BUFFERED_BYTES
  return {
    send(chunk) {
      if (res.writableEnded === true || res.destroyed === true || behind()) return false
      try {
        res.write(chunk)
        return true
      } catch {
        return false
      }
    },
    end() {
      try {
        // Ending would first flush everything it is behind on; a client that far behind is cut off.
        if (behind()) res.destroy?.()
        else if (res.writableEnded !== true) res.end()
      } catch {
        // Already torn down; nothing left to end.
      }
    },
  }
}
