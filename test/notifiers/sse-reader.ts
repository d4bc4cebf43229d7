import { waitFor } from './wait-for.js'

export interface SseFrame {
  /** The comment text for `: …` frames. */
  comment?: string
  id?: string
  event?: string
  data?: string
}

/** Reads a text/event-stream body into frames as they arrive, the way a dashboard would. */
export function readSse(body: ReadableStream<Uint8Array>) {
  const frames: SseFrame[] = []
  const reader = body.getReader()
  const decoder = new TextDecoder()
  let buffer = ''
  let ended = false

  const done = (async () => {
    try {
      for (;;) {
        const { value, done: finished } = await reader.read()
        if (finished) break
        buffer += decoder.decode(value, { stream: true })
        let end: number
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          frames.push(parseFrame(buffer.slice(0, end)))
          buffer = buffer.slice(end + 2)
        }
      }
    } catch {
      // Aborted by the test: the stream simply stops.
    } finally {
      ended = true
    }
  })()

  return {
    frames,
    events: () => frames.filter((frame) => frame.comment === undefined),
    async untilEvents(count: number): Promise<SseFrame[]> {
      await waitFor(() => frames.filter((frame) => frame.comment === undefined).length >= count, `${count} SSE events`)
      return frames.filter((frame) => frame.comment === undefined)
    },
    untilFrame: (match: (frame: SseFrame) => boolean, what: string) => waitFor(() => frames.some(match), what),
    /** Resolves when the server ends the stream. */
    done,
    get ended() {
      return ended
    },
    cancel: () => reader.cancel(),
  }
}

function parseFrame(text: string): SseFrame {
  if (text.startsWith(':')) return { comment: text.slice(1).trim() }
  const frame: SseFrame = {}
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':')
    const field = line.slice(0, colon)
    const value = line.slice(colon + 1).replace(/^ /, '')
    if (field === 'id' || field === 'event' || field === 'data') frame[field] = value
  }
  return frame
}
