import type { IncomingMessage } from 'node:http'
import type { ProviderName } from '../../core/event.js'
import type { BodyResult } from '../create-webhook-handler.js'
import { payloadTooLarge } from '../../engine/payload-too-large.js'

/**
 * Reads a node request into one Buffer, stopping once more than `limit` bytes arrived. It pauses
 * rather than destroys the stream on overflow, so the 413 can still be written; `sendNodeResponse`
 * then closes the connection instead of letting node drain the rest of the upload.
 */
export function readNodeBody(req: IncomingMessage, limit: number, provider: ProviderName): Promise<BodyResult> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    function cleanup() {
      req.off('data', onData)
      req.off('end', onEnd)
      req.off('error', onError)
      req.off('aborted', onAborted)
    }
    function onData(chunk: Buffer | string) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
      size += buffer.byteLength
      if (size > limit) {
        cleanup()
        req.pause()
        resolve({ ok: false, error: payloadTooLarge(limit, provider) })
        return
      }
      chunks.push(buffer)
    }
    function onEnd() {
      cleanup()
      resolve({ ok: true, body: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size) })
    }
    function onError(error: Error) {
      cleanup()
      reject(error)
    }
    function onAborted() {
      cleanup()
      reject(new Error('The client aborted the request before its body was complete.'))
    }
    req.on('data', onData)
    req.on('end', onEnd)
    req.on('error', onError)
    req.on('aborted', onAborted)
  })
}
