import type { Delivery, Transition } from '../engine/types.js'
import { sseStreamClient } from '../notifiers/sse-stream-client.js'
import { respond } from './security-headers.js'
import { deliverySummary } from './views.js'

type Subscribe = (listener: (entry: { delivery: Delivery; transition?: Transition }) => void) => () => void

const HEARTBEAT_MS = 15_000

/**
 * The live feed: every delivery this instance writes to its log, as it happens, over SSE. In-process
 * by nature (hooks.onDelivery); the page says so, and its lists come from the store instead.
 */
export function liveFeed(request: Request, subscribe: Subscribe): Response {
  let unsubscribe = () => {}
  let heartbeat: ReturnType<typeof setInterval> | undefined
  const stop = () => {
    unsubscribe()
    if (heartbeat !== undefined) clearInterval(heartbeat)
  }
  const { client, stream } = sseStreamClient(stop)
  const send = (chunk: string) => {
    if (!client.send(chunk)) {
      stop()
      client.end()
    }
  }
  if (request.signal.aborted) client.end()
  else {
    send(': connected\n\n')
    unsubscribe = subscribe(({ delivery, transition }) => {
      send(`id: ${delivery.id.replace(/[\r\n\0]/g, '')}\nevent: delivery\ndata: ${JSON.stringify(deliverySummary(delivery, transition))}\n\n`)
    })
    heartbeat = setInterval(() => send(': heartbeat\n\n'), HEARTBEAT_MS)
    ;(heartbeat as { unref?: () => void }).unref?.()
    request.signal.addEventListener('abort', () => {
      stop()
      client.end()
    }, { once: true })
  }
  return respond(200, stream, { 'content-type': 'text/event-stream', 'x-accel-buffering': 'no' })
}
