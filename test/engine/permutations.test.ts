import { beforeAll, describe, it } from 'vitest'
import { createPayhooks } from '../../src/create-payhooks.js'
import type { Transition } from '../../src/engine/types.js'
import { callbackNotifier } from '../../src/notifiers/callback-notifier.js'
import type { SignedWebhook } from '../../src/testing/types.js'
import { deliver, expectConverged, signStory, STORIES, storyAdapter } from '../properties/fixtures/stories.js'

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]]
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]))
}

describe('every order of arrival converges on the same final status, with one notification per transition', () => {
  for (const story of STORIES) {
    describe(`${story.provider}: ${story.name} → ${story.final}`, () => {
      let signed: SignedWebhook[] = []
      beforeAll(async () => {
        signed = await signStory(story)
      })
      const orders = permutations(story.deliveries().map((_, i) => i))
      it.each(orders.map((order) => [order.join(' '), order] as const))('arrival order %s', async (_name, order) => {
        const notified: Transition[] = []
        const hooks = createPayhooks({ providers: [storyAdapter(story)], notifiers: [callbackNotifier((t) => void notified.push(t))] })
        await deliver(hooks, story, signed, order)
        await expectConverged(hooks, story, notified)
      })
    })
  }
})
