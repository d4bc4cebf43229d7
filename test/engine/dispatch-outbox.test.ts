import { afterEach, describe, expect, it } from 'vitest'
import { createOutboxDispatcher, type OutboxDispatcher } from '../../src/engine/dispatch-outbox.js'
import { retryPolicy, type RetryOptions } from '../../src/engine/retry-policy.js'
import type { Logger, Notifier, NotifyContext, Store, Transition } from '../../src/engine/types.js'
import { memoryStore } from '../../src/stores/memory-store.js'
import { waitFor } from '../notifiers/wait-for.js'
import { exitOf, outputOf, runFixture } from './fixtures/run-fixture.js'
import { seedCompletedOrder } from './fixtures/seed-outbox.js'

const dispatchers: OutboxDispatcher[] = []
afterEach(async () => {
  for (const dispatcher of dispatchers.splice(0)) {
    dispatcher.close()
    await dispatcher.idle()
  }
})

function recordingLogger() {
  const lines: Array<{ level: 'info' | 'warn' | 'error'; obj: Record<string, unknown>; msg?: string }> = []
  const at =
    (level: 'info' | 'warn' | 'error') =>
    (obj: object, msg?: string): void =>
      void lines.push({ level, obj: obj as Record<string, unknown>, msg })
  const logger: Logger = { info: at('info'), warn: at('warn'), error: at('error') }
  return { logger, lines }
}

/** A notifier whose n-th call (0-based) does what `behave` says; it records every call and its signal. */
function scriptedNotifier(behave: (index: number, context: NotifyContext) => Promise<void> | void = () => {}) {
  const calls: Array<{ transition: Transition; signal: AbortSignal }> = []
  const notifier: Notifier = {
    name: 'erp',
    async notify(transition, context) {
      const index = calls.length
      calls.push({ transition, signal: context.signal })
      await behave(index, context)
    },
  }
  return { notifier, calls }
}

const never = (): Promise<void> => new Promise<void>(() => {})

function dispatch(store: Store, notifier: Notifier, retry: RetryOptions, logger: Logger = recordingLogger().logger): OutboxDispatcher {
  const dispatcher = createOutboxDispatcher(store, [notifier], retryPolicy(retry), logger)
  dispatchers.push(dispatcher)
  return dispatcher
}

describe('outbox dispatcher: keeps itself moving', () => {
  it('drains at creation what a crashed process left, with no call from the host', async () => {
    const store = memoryStore()
    const left = await seedCompletedOrder(store, ['erp'], 'GN-START-01')
    const { notifier, calls } = scriptedNotifier()
    dispatch(store, notifier, {})

    await waitFor(async () => (await store.notifications({ state: 'sent' })).length === 1, 'the left-over row to be sent')
    expect(calls.map((call) => call.transition.id)).toEqual([left.id])
  })

  it('sends a retry when it falls due, with no kick, drain or request', async () => {
    const store = memoryStore()
    // A poll every 3 × 10 s: within the 5 s bound only the retry timer can send it.
    const { notifier, calls } = scriptedNotifier((index) => {
      if (index === 0) throw new Error('ERP is down')
    })
    await seedCompletedOrder(store, ['erp'], 'GN-RETRY-01')
    dispatch(store, notifier, { baseDelayMs: 30, timeoutMs: 10_000 })

    await waitFor(async () => (await store.notifications({ state: 'sent' })).length === 1, 'the retry to be sent')
    expect(calls).toHaveLength(2)
    const [row] = await store.notifications()
    expect(row).toMatchObject({ attempts: 2, lastError: 'ERP is down' })
  })

  it('picks up a row another instance leased and abandoned once its lease ends', async () => {
    const store = memoryStore()
    const timeoutMs = 100
    await seedCompletedOrder(store, ['erp'], 'GN-LEASED-01')
    // The other instance took the row (lease 3 × timeoutMs) and died before notifying.
    const [taken] = await store.takeDueNotifications(new Date(), 10, timeoutMs * 3)
    expect(taken).toMatchObject({ attempts: 1 })
    const { notifier, calls } = scriptedNotifier()
    const dispatcher = dispatch(store, notifier, { timeoutMs })

    // At start-up the row is still leased to the dead instance.
    expect(await dispatcher.drain()).toEqual({ sent: 0, retried: 0, dead: 0 })
    await waitFor(async () => (await store.notifications({ state: 'sent' })).length === 1, 'the abandoned row to be sent after its lease')
    expect(calls).toHaveLength(1)
    expect((await store.notifications())[0]).toMatchObject({ attempts: 2, state: 'sent' })
  })

  it('retries later, without crashing the host, when the store is down at creation', async () => {
    const inner = memoryStore()
    let down = true
    const store: Store = {
      ...inner,
      takeDueNotifications: (...args) => (down ? Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432')) : inner.takeDueNotifications(...args)),
    }
    await seedCompletedOrder(inner, ['erp'], 'GN-DOWN-01')
    const { logger, lines } = recordingLogger()
    const { notifier, calls } = scriptedNotifier()
    dispatch(store, notifier, { timeoutMs: 100 }, logger)

    await waitFor(() => lines.some((line) => line.level === 'error' && line.msg === 'payhooks: outbox dispatch failed'), 'the failure to be logged')
    expect(calls).toEqual([])
    down = false
    await waitFor(async () => (await inner.notifications({ state: 'sent' })).length === 1, 'the row to be sent once the store is back')
    expect(calls).toHaveLength(1)
  })

  it('sends a row once when two instances share the store', async () => {
    const store = memoryStore()
    const references = Array.from({ length: 20 }, (_, i) => `GN-TWO-${String(i).padStart(2, '0')}`)
    for (const reference of references) await seedCompletedOrder(store, ['erp'], reference)
    const first = scriptedNotifier()
    const second = scriptedNotifier()
    const a = dispatch(store, first.notifier, { timeoutMs: 100 })
    const b = dispatch(store, second.notifier, { timeoutMs: 100 })
    await Promise.all([a.drain(), b.drain(), a.idle(), b.idle()])

    await waitFor(async () => (await store.notifications({ state: 'sent' })).length === references.length, 'every row to be sent')
    const sent = [...first.calls, ...second.calls].map((call) => call.transition.record.reference).sort()
    expect(sent).toEqual(references)
  })
})

describe('outbox dispatcher: a notifier that never settles', () => {
  it('is abandoned at the deadline with its signal aborted; drain() and idle() resolve', async () => {
    const store = memoryStore()
    const timeoutMs = 100
    const { notifier, calls } = scriptedNotifier(never)
    const dispatcher = dispatch(store, notifier, { timeoutMs })
    await dispatcher.idle()
    const takenAt = Date.now()
    await seedCompletedOrder(store, ['erp'], 'GN-HANG-01')

    expect(await dispatcher.drain()).toEqual({ sent: 0, retried: 1, dead: 0 })
    await dispatcher.idle()
    expect(calls).toHaveLength(1)
    expect(calls[0]?.signal.aborted).toBe(true)
    expect(String(calls[0]?.signal.reason)).toContain('did not settle within 100 ms')
    const [row] = await store.notifications()
    expect(row).toMatchObject({ state: 'pending', attempts: 1, lastError: 'notifier erp did not settle within 100 ms' })
    // Not before the lease ends: the abandoned call may still be running somewhere.
    expect(row?.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(takenAt + 3 * timeoutMs)
  })

  it('moves on to the other rows of the drain while one notifier hangs', async () => {
    const store = memoryStore()
    const { notifier, calls } = scriptedNotifier()
    const hanging: Notifier = { name: 'sms', notify: never }
    const dispatcher = createOutboxDispatcher(store, [notifier, hanging], retryPolicy({ timeoutMs: 100 }), recordingLogger().logger)
    dispatchers.push(dispatcher)
    await seedCompletedOrder(store, ['erp', 'sms'], 'GN-HANG-02')

    const result = await dispatcher.drain()
    expect(result).toEqual({ sent: 1, retried: 1, dead: 0 })
    expect(calls).toHaveLength(1)
  })

  it('retries an abandoned row after its lease and dead-letters one that always hangs', async () => {
    const store = memoryStore()
    const { notifier, calls } = scriptedNotifier(never)
    dispatch(store, notifier, { timeoutMs: 50, maxAttempts: 2 })
    await seedCompletedOrder(store, ['erp'], 'GN-HANG-03')
    await waitFor(async () => (await store.notifications({ state: 'dead' })).length === 1, 'the row to be dead-lettered')
    expect(calls).toHaveLength(2)
    expect(calls.every((call) => call.signal.aborted)).toBe(true)
  })

  it('marks a row sent when the abandoned notify() resolves after all, so the retry does not send it twice', async () => {
    const store = memoryStore()
    const timeoutMs = 200
    // Ignores its signal and finishes 50 ms after the deadline, well before the lease (600 ms) ends.
    const { notifier, calls } = scriptedNotifier((index) =>
      index === 0 ? new Promise<void>((resolve) => setTimeout(resolve, timeoutMs + 50)) : undefined,
    )
    const dispatcher = dispatch(store, notifier, { timeoutMs })
    await dispatcher.idle()
    await seedCompletedOrder(store, ['erp'], 'GN-LATE-01')
    expect(await dispatcher.drain()).toEqual({ sent: 0, retried: 1, dead: 0 })

    await waitFor(async () => (await store.notifications({ state: 'sent' })).length === 1, 'the late success to be recorded')
    // Past the lease end and the next poll: nothing is sent again.
    await new Promise((resolve) => setTimeout(resolve, 4 * timeoutMs))
    await dispatcher.drain()
    expect(calls).toHaveLength(1)
  })
})

describe('outbox dispatcher: close()', () => {
  it('aborts the notifies in flight and lets idle() resolve', async () => {
    const store = memoryStore()
    const { notifier, calls } = scriptedNotifier(never)
    const dispatcher = dispatch(store, notifier, { timeoutMs: 60_000 })
    await dispatcher.idle()
    await seedCompletedOrder(store, ['erp'], 'GN-CLOSE-01')
    dispatcher.kick()
    await waitFor(() => calls.length === 1, 'the notify to start')

    dispatcher.close()
    await dispatcher.idle()
    expect(calls[0]?.signal.aborted).toBe(true)
    expect(String(calls[0]?.signal.reason)).toContain('the engine closed')
    expect((await store.notifications())[0]).toMatchObject({ state: 'pending', lastError: 'the engine closed' })
  })

  it('stops its timers: a row due after close() is left for the next process', async () => {
    const store = memoryStore()
    const timeoutMs = 50
    const { notifier, calls } = scriptedNotifier()
    const dispatcher = dispatch(store, notifier, { timeoutMs })
    await dispatcher.idle()
    dispatcher.close()
    await seedCompletedOrder(store, ['erp'], 'GN-CLOSE-02')
    // Several poll intervals (3 × 50 ms) pass.
    await new Promise((resolve) => setTimeout(resolve, 10 * timeoutMs))
    expect(calls).toEqual([])
    expect(await store.notifications({ state: 'pending' })).toHaveLength(1)
  })
})

describe('outbox dispatcher without notifiers', () => {
  it('does not drain on its own: a CLI or reconciler must not dead-letter the app’s rows', async () => {
    const store = memoryStore()
    await seedCompletedOrder(store, ['erp'], 'GN-NONE-01')
    const dispatcher = createOutboxDispatcher(store, [], retryPolicy({ timeoutMs: 20 }), recordingLogger().logger)
    dispatchers.push(dispatcher)
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect((await store.notifications())[0]).toMatchObject({ state: 'pending', attempts: 0 })
  })
})

describe('outbox dispatcher: no open handles', () => {
  it('lets a process whose script ended exit by itself, with a retry a minute out and the poll armed', async () => {
    const child = runFixture('engine-exits.ts')
    const output = outputOf(child)
    const exit = await exitOf(child, 15_000)
    expect(output.stderr).toBe('')
    expect(exit).toEqual({ code: 0, signal: null })
    const report = JSON.parse(output.lines.at(-1) ?? '{}')
    expect(report).toMatchObject({ status: 200, calls: 1, state: 'pending' })
    expect(report.retryInMs).toBeGreaterThan(20_000)
  })
})
