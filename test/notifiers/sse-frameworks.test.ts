import { serve } from '@hono/node-server'
import express from 'express'
import Fastify from 'fastify'
import { Hono } from 'hono'
import type { Server } from 'node:http'
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

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections()
  return new Promise((resolve) => server.close(() => resolve()))
}

async function listen(server: Server): Promise<string> {
  if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  cleanups.push(() => closeServer(server))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/events`
}

/** One dashboard connects, gets a transition, leaves; the notifier notices it left. */
async function connectNotifyLeave(sse: SseNotifier, url: string): Promise<void> {
  const controller = new AbortController()
  const response = await fetch(url, { signal: controller.signal })
  expect(response.headers.get('content-type')).toBe('text/event-stream')
  const stream = readSse(response.body as ReadableStream<Uint8Array>)
  await waitFor(() => sse.clientCount === 1, 'the dashboard to connect')
  const transition = sampleTransition()
  await sse.notify(transition, notifyContext())
  const [event] = await stream.untilEvents(1)
  expect(event).toEqual({ id: transition.id, event: 'transition', data: JSON.stringify(transition) })
  controller.abort()
  await waitFor(() => sse.clientCount === 0, 'the dashboard to be removed')
}

describe('sseNotifier in frameworks', () => {
  it('works as an Express route handler', async () => {
    const sse = sseNotifier()
    cleanups.push(() => sse.close())
    const app = express()
    app.get('/events', sse.handler)
    await connectNotifyLeave(sse, await listen(app.listen(0, '127.0.0.1')))
  })

  it('works in Fastify through reply.hijack() and reply.raw', async () => {
    const sse = sseNotifier()
    cleanups.push(() => sse.close())
    const app = Fastify()
    app.get('/events', (request, reply) => {
      reply.hijack()
      sse.handler(request.raw, reply.raw)
    })
    await app.listen({ port: 0, host: '127.0.0.1' })
    cleanups.push(() => {
      // fetch may leave an idle connection behind that close() would otherwise wait out.
      app.server.closeAllConnections()
      return app.close()
    })
    const { port } = app.server.address() as AddressInfo
    await connectNotifyLeave(sse, `http://127.0.0.1:${port}/events`)
  })

  it('works in Hono through fetchHandler', async () => {
    const sse = sseNotifier()
    cleanups.push(() => sse.close())
    const app = new Hono()
    app.get('/events', (c) => sse.fetchHandler(c.req.raw))
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }) as Server
    await new Promise<void>((resolve) => (server.listening ? resolve() : server.once('listening', () => resolve())))
    await connectNotifyLeave(sse, await listen(server))
  })
})
