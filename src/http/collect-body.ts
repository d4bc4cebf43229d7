import type { ProviderName } from '../core/event.js'
import type { BodyResult } from './create-webhook-handler.js'
import { payloadTooLarge } from '../engine/payload-too-large.js'

/**
 * Reads a web ReadableStream into bytes, cancelling it as soon as more than `limit` bytes arrived, so
 * an oversized (or endless, chunked) body is never buffered whole.
 */
export async function collectBody(stream: ReadableStream<Uint8Array> | null, limit: number, provider: ProviderName | undefined): Promise<BodyResult> {
  if (stream === null) return { ok: true, body: new Uint8Array(0) }
  const reader = stream.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > limit) {
      await reader.cancel().catch(() => {})
      return { ok: false, error: payloadTooLarge(limit, provider) }
    }
    chunks.push(value)
  }
  if (chunks.length === 1) return { ok: true, body: chunks[0] as Uint8Array }
  const body = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    body.set(chunk, offset)
    offset += chunk.byteLength
  }
  return { ok: true, body }
}
