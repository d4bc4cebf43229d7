import { Miniflare } from 'miniflare'
import { afterEach, describe, expect, it } from 'vitest'
import type { OutboxRow } from '../../src/engine/types.js'
import type { HttpNotifierBody } from '../../src/notifiers/index.js'
import { datamartSamples } from '../../src/providers/datamart/samples.js'
import { datamartTestKit } from '../../src/providers/datamart/test-kit.js'
import { verifyStandardWebhook } from '../notifiers/verify-standard-webhook.js'
import { waitFor } from '../notifiers/wait-for.js'
import { startReceiver, type Answer, type ReceivedRequest } from '../notifiers/webhook-receiver.js'
import { bundleWorker } from './fixtures/bundle-worker.js'

const WEBHOOK_SECRET = 'dm_whsec_workerd_6f12'
const SIGNING_SECRET = `whsec_${Buffer.from('payhooks-workerd-signing-key').toString('base64')}`
// The worker's notifier deadline; its lease (3 × 500 ms) bounds how soon a cut-off row is retried.
const TIMEOUT_MS = 500
const BOUND_MS = 15_000
// A drain waits at most for the deadline of what is in flight, then moves on.
const ANSWER_BOUND_MS = 5_000

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const referenceOf = (request: ReceivedRequest): string => (JSON.parse(request.body) as HttpNotifierBody).data.record.reference

/** A receiver on 127.0.0.1 and the worker, run by workerd, that notifies it. */
async function start(answer: Answer) {
  const receiver = await startReceiver(answer)
  cleanups.push(receiver.close)
  const script = await bundleWorker('./notify-worker.ts', { RECEIVER_URL: receiver.url, WEBHOOK_SECRET, SIGNING_SECRET, TIMEOUT_MS })
  const mf = new Miniflare({ modules: true, script, compatibilityDate: '2024-09-23' })
  cleanups.push(() => mf.dispose())
  await mf.ready

  async function webhook(reference: string, wait?: 'idle'): Promise<number> {
    const payload = datamartSamples.completed()
    payload.data = { ...(payload.data as Record<string, unknown>), orderReference: reference }
    const signed = await datamartTestKit.sign(payload, { secret: WEBHOOK_SECRET })
    const url = `http://payhooks.test${signed.url}${wait === undefined ? '' : `?wait=${wait}`}`
    const response = await mf.dispatchFetch(url, { method: 'POST', headers: signed.headers, body: signed.body })
    await response.arrayBuffer()
    return response.status
  }
  /** A wedged dispatcher never answers drainOutbox(): fail on that, not on the test's timeout. */
  async function get<T>(path: string): Promise<{ status: number; body: T }> {
    let timer: ReturnType<typeof setTimeout> | undefined
    const unanswered = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`GET ${path} did not answer within ${ANSWER_BOUND_MS} ms`)), ANSWER_BOUND_MS)
    })
    const answer = (async () => {
      const response = await mf.dispatchFetch(`http://payhooks.test${path}`)
      return { status: response.status, body: (await response.json()) as T }
    })()
    return Promise.race([answer, unanswered]).finally(() => clearTimeout(timer))
  }
  return { receiver, webhook, get }
}

/** Requests the receiver answered 2xx, by order reference. */
function answered(received: readonly ReceivedRequest[], hung: ReadonlySet<ReceivedRequest>): string[] {
  return received.filter((request) => !hung.has(request)).map(referenceOf)
}

describe('under workerd (miniflare)', () => {
  it('without waitUntil, a cut-off notify does not wedge later dispatches: the next order is notified and drainOutbox answers', async () => {
    // The first attempt for GN-WD-A is held open: the isolate gives up on it when its request ends.
    const hung = new Set<ReceivedRequest>()
    const worker = await start((_index, request) => {
      if (referenceOf(request) === 'GN-WD-A' && hung.size === 0) {
        hung.add(request)
        return 'hang'
      }
      return 204
    })

    expect(await worker.webhook('GN-WD-A')).toBe(200)
    expect(await worker.webhook('GN-WD-B')).toBe(200)
    // Every drain answers (a wedged dispatcher never did); each finishes what its own request can.
    const drains: unknown[] = []
    await waitFor(
      async () => {
        const drain = await worker.get('/drain')
        expect(drain.status).toBe(200)
        drains.push(drain.body)
        const { body: rows } = await worker.get<OutboxRow[]>('/outbox')
        return rows.length === 2 && rows.every((row) => row.state === 'sent')
      },
      'both notifications to be sent',
      BOUND_MS,
    )

    for (const drain of drains) expect(drain).toEqual({ sent: expect.any(Number), retried: expect.any(Number), dead: 0 })
    // A's first attempt was the one cut off.
    expect(hung.size).toBe(1)
    expect(worker.receiver.received[0] !== undefined && hung.has(worker.receiver.received[0])).toBe(true)
    // Each order reached the receiver with one answered request; A's first, cut-off attempt reused its webhook-id.
    expect(answered(worker.receiver.received, hung).sort()).toEqual(['GN-WD-A', 'GN-WD-B'])
    const forA = worker.receiver.received.filter((request) => referenceOf(request) === 'GN-WD-A')
    expect(new Set(forA.map((request) => request.headers['webhook-id'])).size).toBe(1)
    expect(worker.receiver.received.every((request) => verifyStandardWebhook(request, SIGNING_SECRET))).toBe(true)
  })

  it('with ctx.waitUntil(hooks.idle()), the notification arrives once with no drain call', async () => {
    const worker = await start(() => 204)
    expect(await worker.webhook('GN-WD-C', 'idle')).toBe(200)

    await waitFor(async () => (await worker.get<OutboxRow[]>('/outbox')).body.every((row) => row.state === 'sent'), 'the notification to be sent', BOUND_MS)
    expect(worker.receiver.received.map(referenceOf)).toEqual(['GN-WD-C'])
    const [request] = worker.receiver.received
    expect(request !== undefined && verifyStandardWebhook(request, SIGNING_SECRET)).toBe(true)
    expect(JSON.parse(request?.body ?? '{}')).toMatchObject({ type: 'transition.applied', data: { to: 'completed' } })
  })
})
