import { describe, expect, it } from 'vitest'
import type { Transition } from '../../src/engine/types.js'
import { callbackNotifier } from '../../src/notifiers/index.js'
import { sampleTransition } from './sample-transition.js'

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
    await notifier.notify(transition)
    expect(seen).toEqual([transition])
  })

  it('rejects when the function throws, so the engine retries', async () => {
    const notifier = callbackNotifier(() => {
      throw new Error('SMS gateway down')
    })
    await expect(notifier.notify(sampleTransition())).rejects.toThrow('SMS gateway down')
  })

  it('rejects when the function rejects', async () => {
    const notifier = callbackNotifier(() => Promise.reject(new Error('queue full')))
    await expect(notifier.notify(sampleTransition())).rejects.toThrow('queue full')
  })
})
