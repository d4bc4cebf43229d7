/** One connected dashboard, whatever carries its stream. */
export interface SseClient {
  /** False when the client is gone or too far behind: it is then dropped. */
  send(chunk: string): boolean
  end(): void
}

// A dashboard that stops reading must not grow this process's memory; it is dropped and reconnects.
export const MAX_BUFFERED_BYTES = 1024 * 1024
