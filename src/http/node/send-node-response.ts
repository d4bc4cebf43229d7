import type { ServerResponse } from 'node:http'
import type { WebhookResponse } from '../../core/adapter.js'

/**
 * Writes the engine's answer. When the request body was not read to its end (a 413, or a 404 answered
 * before reading), the connection is closed after the response rather than kept alive, because keeping
 * it would make node read and discard the rest of a possibly endless upload.
 */
export function sendNodeResponse(res: ServerResponse, { status, headers, body }: WebhookResponse): void {
  const unread = res.req !== undefined && !res.req.readableEnded
  res.writeHead(status, unread ? { ...headers, connection: 'close' } : headers)
  res.end(status === 204 ? undefined : body)
}
