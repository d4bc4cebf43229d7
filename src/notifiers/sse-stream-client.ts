import { MAX_BUFFERED_BYTES, type SseClient } from './sse-client.js'

const encoder = new TextEncoder()

/** A dashboard on a web ReadableStream; `onCancel` runs when the reader cancels (the client left). */
export function sseStreamClient(onCancel: (client: SseClient) => void): { client: SseClient; stream: ReadableStream<Uint8Array> } {
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined
  let ended = false
  const client: SseClient = {
    send(chunk) {
      // desiredSize falls to 0 once MAX_BUFFERED_BYTES wait unread.
      if (ended || controller === undefined || (controller.desiredSize ?? 0) <= 0) return false
      try {
        controller.enqueue(encoder.encode(chunk))
        return true
      } catch {
        return false
      }
    },
    end() {
      if (ended) return
      ended = true
      try {
        controller?.close()
      } catch {
        // Cancelled by the reader already.
      }
    },
  }
  const stream = new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c
      },
      cancel() {
        ended = true
        onCancel(client)
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: MAX_BUFFERED_BYTES }),
  )
  return { client, stream }
}
