import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, it } from 'vitest'
import type { WebhookRequest } from '../../src/core/request.js'
import type { SignedWebhook } from '../../src/core/test-kit.js'
import { FORGERIES } from './fixtures/forgeries.js'
import { checkCase, openHarness, type Harness } from './fixtures/hooks-harness.js'
import { HEADER_NAMES, HEADER_VALUES, HOSTILE_PROVIDERS, type HostileProvider } from './fixtures/hostile-providers.js'
import { printNode, toNode } from './fixtures/json-ast.js'
import {
  applyBytes,
  applyHeaders,
  applyStructural,
  applyUrl,
  byteMutation,
  headerMutation,
  methodMutation,
  structuralMutation,
  urlMutation,
  type StructuralMutation,
} from './fixtures/mutations.js'
import { caseSummary, checkProperty, SEED } from './fixtures/property-run.js'

/**
 * Hostile input, per provider: documented samples signed with the test kit, then corrupted, forged or
 * re-signed with hostile content, each sent through hooks.handle() on a real SQLite file. What every
 * case must show is in checkCase (fixtures/hooks-harness.ts).
 */
const RUNS = { bytes: 500, transport: 500, structure: 500, forged: 400, authentic: 800 }

const dir = mkdtempSync(join(tmpdir(), 'payhooks-props-'))
afterAll(() => {
  console.log(caseSummary('hostile input'))
  rmSync(dir, { recursive: true, force: true })
})

const encoder = new TextEncoder()
const decoder = new TextDecoder()

const request = (signed: SignedWebhook, body: string | Uint8Array = signed.body): WebhookRequest => ({
  body,
  headers: { ...signed.headers },
  url: signed.url,
  method: 'POST',
})

/** One provider's engine on a fresh SQLite file for the length of one property. */
async function withHarness(p: HostileProvider, name: string, run: (h: Harness) => Promise<void>): Promise<void> {
  const h = openHarness(p, dir, name)
  try {
    await run(h)
  } finally {
    await h.close()
  }
}

/** Sends the bytes as a Buffer-like Uint8Array or as the string a framework would decode them to. */
const asBody = (bytes: Uint8Array, asString: boolean) => (asString ? decoder.decode(bytes) : bytes)

/** A change to a field outside the signature (to a documented value), or any structural mutation. */
function authenticMutation(p: HostileProvider, vocabulary: readonly string[]): fc.Arbitrary<StructuralMutation> {
  const structural = structuralMutation(vocabulary, p.keys)
  if (p.unsigned.length === 0) return structural
  const unsigned = fc.constantFrom(...p.unsigned).chain(({ path, values }) =>
    fc.constantFrom(...values).map((value): StructuralMutation => ({ op: 'setPath', path, value: { kind: 'raw', text: JSON.stringify(value) } })),
  )
  return fc.oneof(structural, unsigned)
}

function describeProvider(p: HostileProvider): void {
  const sampleIndex = fc.nat({ max: p.samples.length - 1 })
  const vocabulary = [...p.vocabulary, ...HEADER_VALUES]
  let signed: SignedWebhook[] = []
  const title = (what: string, runs: number) => `${what} (${runs} cases, seed ${SEED})`

  describe(p.provider, () => {
    beforeAll(async () => {
      signed = await Promise.all(p.samples.map((sample) => p.sign(sample.payload)))
    })

    it(title('byte-level corruption of a signed sample: flips, truncation, bad UTF-8, oversize', RUNS.bytes), async () => {
      const cases = fc.record({ sample: sampleIndex, bytes: fc.array(byteMutation, { minLength: 1, maxLength: 3 }), asString: fc.boolean() })
      await withHarness(p, 'bytes', (h) =>
        checkProperty(`${p.provider}: bytes`, cases, RUNS.bytes, async (c) => {
          const base = signed[c.sample] as SignedWebhook
          const bytes = c.bytes.reduce(applyBytes, encoder.encode(base.body))
          await checkCase(h, request(base, asBody(bytes, c.asString)))
        }),
      )
    })

    it(title('headers, URL and method mutated or removed', RUNS.transport), async () => {
      const cases = fc.record({
        sample: sampleIndex,
        headers: fc.array(headerMutation(HEADER_NAMES, vocabulary), { maxLength: 3 }),
        url: fc.array(urlMutation(vocabulary), { maxLength: 2 }),
        method: methodMutation,
      })
      await withHarness(p, 'transport', (h) =>
        checkProperty(`${p.provider}: transport`, cases, RUNS.transport, async (c) => {
          const base = signed[c.sample] as SignedWebhook
          const req = request(base)
          req.headers = c.headers.reduce(applyHeaders, { ...base.headers })
          req.url = c.url.reduce(applyUrl, base.url as string | undefined)
          req.method = c.method
          await checkCase(h, req)
        }),
      )
    })

    it(title('structure mutated after signing: wrong types, huge numbers, unicode, __proto__ keys, duplicate keys, deep nesting', RUNS.structure), async () => {
      const cases = fc.record({ sample: sampleIndex, mutations: fc.array(structuralMutation(vocabulary, p.keys), { minLength: 1, maxLength: 4 }), asString: fc.boolean() })
      await withHarness(p, 'structure', (h) =>
        checkProperty(`${p.provider}: structure`, cases, RUNS.structure, async (c) => {
          const base = signed[c.sample] as SignedWebhook
          const tree = toNode(JSON.parse(base.body))
          for (const mutation of c.mutations) applyStructural(tree, mutation)
          const body = printNode(tree)
          await checkCase(h, request(base, c.asString ? body : encoder.encode(body)))
        }),
      )
    })

    const forgeries = FORGERIES[p.provider]
    it(title(`forgeries are refused: ${forgeries.map((f) => f.name).join('; ')}`, RUNS.forged), async () => {
      const cases = fc.record({ forgery: fc.nat({ max: forgeries.length - 1 }), sample: fc.nat(), noise: fc.nat() })
      await withHarness(p, 'forged', (h) =>
        checkProperty(`${p.provider}: forged`, cases, RUNS.forged, async (c) => {
          const forgery = forgeries[c.forgery] as (typeof forgeries)[number]
          const candidates = p.samples.filter((sample) => forgery.samples === undefined || forgery.samples.includes(sample.name))
          const sample = candidates[c.sample % candidates.length] as (typeof candidates)[number]
          await checkCase(h, request(await forgery.build(p, sample.payload, c.noise)), { mustRefuse: forgery.code })
        }),
      )
    })

    it(title('authentic but hostile: unsigned fields changed, or hostile content genuinely signed', RUNS.authentic), async () => {
      const cases = fc.record({
        sample: sampleIndex,
        // A fresh reference now and then, so a change is not hidden behind a record that already moved on.
        fresh: fc.option(fc.nat({ max: 99_999 }), { freq: 2 }),
        mutations: fc.array(authenticMutation(p, vocabulary), { minLength: 1, maxLength: 4 }),
      })
      await withHarness(p, 'authentic', (h) =>
        checkProperty(`${p.provider}: authentic`, cases, RUNS.authentic, async (c) => {
          const tree = toNode((p.samples[c.sample] as (typeof p.samples)[number]).payload)
          if (c.fresh !== null && p.referencePath !== undefined) {
            applyStructural(tree, { op: 'setPath', path: p.referencePath, value: { kind: 'raw', text: JSON.stringify(`PROP-${c.fresh}`) } })
          }
          for (const mutation of c.mutations) applyStructural(tree, mutation)
          const genuine = p.signTree(tree)
          await checkCase(h, request(genuine), { mustVerify: p.mustVerify(JSON.parse(genuine.body)) })
        }),
      )
    })
  })
}

describe('hostile input never gets past payhooks unnoticed', () => {
  for (const provider of HOSTILE_PROVIDERS) describeProvider(provider)
})
