import { describe, expect, it } from 'vitest'
import type { NotifyContext, SuspiciousTransition, Transition } from '../../src/engine/types.js'
import { callbackNotifier } from '../../src/notifiers/index.js'
import { notifyContext } from './notify-context.js'
import { sampleSuspicious, sampleTransition } from './sample-transition.js'

describe('callbackNotifier', () => {
  it("is named 'callback' unless told otherwise", () => {
    expect(callbackNotifier(() => {}).name).toBe('callback')
    expect(callbackNotifier(() => {}, { name: 'sms' }).name).toBe('sms')
  })

  it('calls the function with the transition and waits for it', async () => {
    const seen: Transition[] = []
    const notifier = callbackNotifier(async (transition) => {
      await new Promise((resolve) => setTimeout(resolve, 10))
      seen.push(transition)
    })
    const transition = sampleTransition()
    await notifier.notify(transition, notifyContext())
    expect(seen).toEqual([transition])
  })

  it("passes the engine's context on, so the function can hand its signal to fetch", async () => {
    const contexts: NotifyContext[] = []
    const controller = new AbortController()
    const context = notifyContext(controller)
    await callbackNotifier((_transition, given) => void contexts.push(given)).notify(sampleTransition(), context)
    expect(contexts).toEqual([context])
    controller.abort()
    expect(contexts[0]?.signal.aborted).toBe(true)
  })

  it('rejects when the function throws, so the engine retries', async () => {
    const notifier = callbackNotifier(() => {
      throw new Error('SMS gateway down')
    })
    await expect(notifier.notify(sampleTransition(), notifyContext())).rejects.toThrow('SMS gateway down')
  })

  it('rejects when the function rejects', async () => {
    const notifier = callbackNotifier(() => Promise.reject(new Error('queue full')))
    await expect(notifier.notify(sampleTransition(), notifyContext())).rejects.toThrow('queue full')
  })

  it('refuses an onSuspicious that is not a function', () => {
    expect(() => callbackNotifier(() => {}, { onSuspicious: 'sms' as never })).toThrow(/onSuspicious must be a function/)
  })
})

describe('callbackNotifier: suspicious events never reach onTransition', () => {
  it('acknowledges a suspicious event without calling the function when no onSuspicious is given', async () => {
    const seen: Transition[] = []
    const notifier = callbackNotifier((transition) => void seen.push(transition))
    await expect(notifier.notify(sampleSuspicious(), notifyContext())).resolves.toBeUndefined()
    expect(seen).toEqual([])
  })

  it('hands a suspicious event to onSuspicious, and an applied one only to onTransition', async () => {
    const applied: Transition[] = []
    const suspicious: SuspiciousTransition[] = []
    const notifier = callbackNotifier((transition) => void applied.push(transition), {
      onSuspicious: (transition) => void suspicious.push(transition),
    })
    const paid = sampleTransition()
    const underpaid = sampleSuspicious()
    await notifier.notify(underpaid, notifyContext())
    await notifier.notify(paid, notifyContext())
    expect(suspicious).toEqual([underpaid])
    expect(applied).toEqual([paid])
  })

  it('rejects when onSuspicious rejects, so the engine retries it too', async () => {
    const notifier = callbackNotifier(() => {}, { onSuspicious: () => Promise.reject(new Error('pager down')) })
    await expect(notifier.notify(sampleSuspicious(), notifyContext())).rejects.toThrow('pager down')
  })
})
