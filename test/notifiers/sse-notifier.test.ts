import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { sseNotifier, type SseNotifier } from '../../src/notifiers/index.js'
import { notifyContext } from './notify-context.js'
import { sampleTransition } from './sample-transition.js'
import { readSse } from './sse-reader.js'
import { waitFor } from './wait-for.js'

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function serve(sse: SseNotifier): Promise<string> {
  const server: Server = createServer((req, res) => sse.handler(req, res))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  cleanups.push(async () => {
    sse.close()
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  })
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/events`
}

async function connect(url: string, controller = new AbortController()) {
  const response = await fetch(url, { signal: controller.signal })
  cleanups.push(() => controller.abort())
  return { response, stream: readSse(response.body as ReadableStream<Uint8Array>), abort: () => controller.abort() }
}

const paid = sampleTransition('datamart:GN-1:order.completed')
const failed = { ...sampleTransition('datamart:GN-2:order.failed'), type: 'suspicious' as const, reason: 'amount differs' }

describe('sseNotifier over node:http', () => {
  it('streams every transition to every connected dashboard with id, event and JSON data', async () => {
    const sse = sseNotifier()
    const url = await serve(sse)
    const first = await connect(url)
    const second = await connect(url)
    await waitFor(() => sse.clientCount === 2, 'two clients')

    expect(first.response.headers.get('content-type')).toBe('text/event-stream')
    expect(first.response.headers.get('cache-control')).toBe('no-cache')
    expect(first.response.headers.get('connection')).toBe('keep-alive')

    await sse.notify(paid, notifyContext())
    await sse.notify(failed, notifyContext())
    for (const client of [first, second]) {
      const events = await client.stream.untilEvents(2)
      expect(events.map(({ id, event }) => ({ id, event }))).toEqual([
        { id: paid.id, event: 'transition' },
        { id: failed.id, event: 'suspicious' },
      ])
      expect(JSON.parse(events[0]?.data ?? '')).toEqual(paid)
      expect(JSON.parse(events[1]?.data ?? '')).toEqual(failed)
      expect(client.stream.frames[0]).toEqual({ comment: 'connected' })
    }
  })

  it('keeps serving the others when a dashboard disconnects mid-stream', async () => {
    const sse = sseNotifier()
    const url = await serve(sse)
    const leaving = await connect(url)
    const staying = await connect(url)
    await waitFor(() => sse.clientCount === 2, 'two clients')
    await sse.notify(paid, notifyContext())
    await leaving.stream.untilEvents(1)

    leaving.abort()
    // Right after the abort the server may not have seen the close yet: the write must still not throw.
    await expect(sse.notify(failed, notifyContext())).resolves.toBeUndefined()
    await waitFor(() => sse.clientCount === 1, 'the closed client to be removed')
    const third = sampleTransition('datamart:GN-3:order.completed')
    await expect(sse.notify(third, notifyContext())).resolves.toBeUndefined()

    const events = await staying.stream.untilEvents(3)
    expect(events.map((event) => event.id)).toEqual([paid.id, failed.id, third.id])
  })

  it('resolves notify() with no dashboard connected: a live view, not a queue', async () => {
    const sse = sseNotifier()
    expect(sse.clientCount).toBe(0)
    await expect(sse.notify(paid, notifyContext())).resolves.toBeUndefined()
  })

  it('sends heartbeat comments while a dashboard is idle', async () => {
    const sse = sseNotifier({ heartbeatMs: 20 })
    const client = await connect(await serve(sse))
    await client.stream.untilFrame((frame) => frame.comment === 'heartbeat', 'a heartbeat')
    expect(client.stream.events()).toEqual([])
  })

  it('close() ends every stream and answers later connections with 503', async () => {
    const sse = sseNotifier()
    const url = await serve(sse)
    const client = await connect(url)
    await waitFor(() => sse.clientCount === 1, 'one client')
    sse.close()
    await client.stream.done
    expect(client.stream.ended).toBe(true)
    expect(sse.clientCount).toBe(0)
    expect((await fetch(url)).status).toBe(503)
  })

  it('drops a client whose socket write throws, without failing notify()', async () => {
    const sse = sseNotifier()
    let writes = 0
    const res = {
      writeHead: () => undefined,
      write(): boolean {
        writes += 1
        if (writes > 1) throw new Error('write after end')
        return true
      },
      end: () => undefined,
      on: () => undefined,
    }
    sse.handler({}, res)
    expect(sse.clientCount).toBe(1)
    await expect(sse.notify(paid, notifyContext())).resolves.toBeUndefined()
    expect(sse.clientCount).toBe(0)
  })

  it('drops a dashboard that stopped reading once over 1 MiB is buffered for it', async () => {
    const sse = sseNotifier()
    let destroyed = false
    const res = {
      writableLength: 0,
      writeHead: () => undefined,
      write(chunk: string): boolean {
        res.writableLength += chunk.length
        return false
      },
      end: () => undefined,
      destroy: () => void (destroyed = true),
      on: () => undefined,
    }
    sse.handler({}, res)
    const bulky = { ...paid, event: { ...paid.event, details: { note: 'x'.repeat(100_000) } } }
    for (let i = 0; i < 10; i++) await sse.notify(bulky, notifyContext())
    expect(sse.clientCount).toBe(1)
    for (let i = 0; i < 2; i++) await sse.notify(bulky, notifyContext())
    expect(sse.clientCount).toBe(0)
    expect(destroyed).toBe(true)
  })
})

describe('sseNotifier.fetchHandler', () => {
  it('streams transitions as a web Response body', async () => {
    const sse = sseNotifier()
    cleanups.push(() => sse.close())
    const response = sse.fetchHandler(new Request('http://dashboard.test/events'))
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/event-stream')
    const stream = readSse(response.body as ReadableStream<Uint8Array>)
    expect(sse.clientCount).toBe(1)

    await sse.notify(paid, notifyContext())
    const [event] = await stream.untilEvents(1)
    expect(event).toEqual({ id: paid.id, event: 'transition', data: JSON.stringify(paid) })
  })

  it('removes a stream its reader cancels', async () => {
    const sse = sseNotifier()
    const stream = readSse(sse.fetchHandler().body as ReadableStream<Uint8Array>)
    readSse(sse.fetchHandler().body as ReadableStream<Uint8Array>)
    expect(sse.clientCount).toBe(2)
    await stream.cancel()
    expect(sse.clientCount).toBe(1)
    await expect(sse.notify(paid, notifyContext())).resolves.toBeUndefined()
    sse.close()
  })

  it('removes a stream when the request is aborted', async () => {
    const sse = sseNotifier()
    const controller = new AbortController()
    const stream = readSse(sse.fetchHandler(new Request('http://dashboard.test/events', { signal: controller.signal })).body as ReadableStream<Uint8Array>)
    expect(sse.clientCount).toBe(1)
    controller.abort()
    expect(sse.clientCount).toBe(0)
    await stream.done
    expect(stream.ended).toBe(true)
  })

  it('drops a stream nobody reads once over 1 MiB is queued for it', async () => {
    const sse = sseNotifier()
    sse.fetchHandler()
    const bulky = { ...paid, event: { ...paid.event, details: { note: 'x'.repeat(100_000) } } }
    for (let i = 0; i < 10; i++) await sse.notify(bulky, notifyContext())
    expect(sse.clientCount).toBe(1)
    for (let i = 0; i < 2; i++) await sse.notify(bulky, notifyContext())
    expect(sse.clientCount).toBe(0)
  })

  it('close() ends the stream', async () => {
    const sse = sseNotifier()
    const stream = readSse(sse.fetchHandler().body as ReadableStream<Uint8Array>)
    await stream.untilFrame((frame) => frame.comment === 'connected', 'the opening comment')
    sse.close()
    await stream.done
    expect(stream.ended).toBe(true)
    expect(sse.clientCount).toBe(0)
    expect(sse.fetchHandler().status).toBe(503)
  })
})
