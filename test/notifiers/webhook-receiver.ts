import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface ReceivedRequest {
  method: string
  url: string
  headers: IncomingHttpHeaders
  body: string
}

/** How the receiver answers its n-th request (0-based): a status, or 'hang' to never answer. */
export type Answer = (index: number, request: ReceivedRequest) => number | 'hang'

/** A real HTTP endpoint on 127.0.0.1 that records every request it gets. */
export async function startReceiver(answer: Answer = () => 204) {
  const received: ReceivedRequest[] = []
  let abandoned = 0
  const server = createServer((req, res) => {
    // A connection closed before the answer: the sender gave up (aborted) on this request.
    res.on('close', () => {
      if (!res.writableFinished) abandoned += 1
    })
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const index = received.length
      const request = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') }
      received.push(request)
      const status = answer(index, request)
      if (status === 'hang') return
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status >= 300 ? 'receiver says no' : '')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/hooks/payhooks?token=receiver-path-token`,
    received,
    /** Requests whose sender closed the connection before they were answered. */
    get abandoned() {
      return abandoned
    },
    async close(): Promise<void> {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
