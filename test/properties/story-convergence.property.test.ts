import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { createPayhooks } from '../../src/create-payhooks.js'
import type { Store, Transition } from '../../src/engine/types.js'
import { callbackNotifier } from '../../src/notifiers/callback-notifier.js'
import { memoryStore } from '../../src/stores/memory-store.js'
import { sqliteStore } from '../../src/stores/sqlite/index.js'
import type { SignedWebhook } from '../../src/testing/types.js'
import { caseSummary, checkProperty, SEED } from './fixtures/property-run.js'
import { deliver, expectConverged, signStory, STORIES, storyAdapter, type Story } from './fixtures/stories.js'

/**
 * Every story of fixtures/stories.ts delivered in an arbitrary interleaving with arbitrary duplicates
 * (each delivery at least once, some several times, in any order): the record converges on the
 * story's final status with one notification per applied change. In memory for the many runs, and
 * once over every story on real SQLite files.
 */
const RUNS_PER_STORY = 150
const SQLITE_RUNS = 200

const dir = mkdtempSync(join(tmpdir(), 'payhooks-stories-'))
afterAll(() => {
  console.log(caseSummary('story convergence'))
  rmSync(dir, { recursive: true, force: true })
})

/**
 * An arrival sequence over `n` deliveries: each index once, plus up to 2n repeats, ordered by
 * arbitrary sort keys (so fast-check shrinks towards fewer repeats and the original order).
 */
function arrivals(n: number): fc.Arbitrary<number[]> {
  const keyed = fc.tuple(
    fc.array(fc.integer(), { minLength: n, maxLength: n }),
    fc.array(fc.tuple(fc.nat({ max: n - 1 }), fc.integer()), { maxLength: 2 * n }),
  )
  return keyed.map(([keys, repeats]) =>
    [...keys.map((key, index) => [index, key] as const), ...repeats]
      .map(([index, key], position) => ({ index, key, position }))
      .sort((a, b) => a.key - b.key || a.position - b.position)
      .map(({ index }) => index),
  )
}

async function runStory(story: Story, signed: readonly SignedWebhook[], order: readonly number[], store: Store): Promise<void> {
  const notified: Transition[] = []
  const hooks = createPayhooks({ providers: [storyAdapter(story)], store, notifiers: [callbackNotifier((t) => void notified.push(t))] })
  try {
    await deliver(hooks, story, signed, order)
    await expectConverged(hooks, story, notified)
  } finally {
    await hooks.close()
  }
}

describe('stories converge whatever the interleaving and the duplicates', () => {
  const signed = new Map<Story, SignedWebhook[]>()
  beforeAll(async () => {
    for (const story of STORIES) signed.set(story, await signStory(story))
  })

  for (const story of STORIES) {
    it(`${story.provider}: ${story.name} → ${story.final} (${RUNS_PER_STORY} cases, seed ${SEED})`, async () => {
      const deliveries = signed.get(story) as SignedWebhook[]
      await checkProperty(`${story.provider}: ${story.name}`, arrivals(deliveries.length), RUNS_PER_STORY, (order) =>
        runStory(story, deliveries, order, memoryStore()),
      )
    })
  }

  it(`every story on a real SQLite file, one file per run (${SQLITE_RUNS} cases, seed ${SEED})`, async () => {
    const cases = fc.nat({ max: STORIES.length - 1 }).chain((which) => arrivals((STORIES[which] as Story).deliveries().length).map((order) => ({ which, order })))
    let files = 0
    await checkProperty('sqlite: every story', cases, SQLITE_RUNS, ({ which, order }) => {
      const story = STORIES[which] as Story
      return runStory(story, signed.get(story) as SignedWebhook[], order, sqliteStore({ filename: join(dir, `story-${++files}.db`) }))
    })
  })
})
