import fc from 'fast-check'
import * as z from 'zod/mini'
import { describe, expect, it } from 'vitest'
import { validatePayload } from '../../src/core/validate-payload.js'
import { isWebhookError } from '../../src/core/webhook-error.js'
import { testKits } from '../../src/providers/test-kits.js'

type Json = Record<string, unknown>

/** Every documented sample of every provider (the test kits build them from providers.md). */
const cases = Object.values(testKits).flatMap((kit) => {
  const schema = kit.createAdapter(['validate-payload-secret']).schema
  return Object.entries(kit.samples).map(([sample, build]) => ({ label: `${kit.provider} ${sample}`, provider: kit.provider, schema, payload: () => (build as () => Json)() }))
})

/** validatePayload's slow path on its own: what the compiled fast path must agree with. */
function slowPath(schema: z.core.$ZodType, json: unknown) {
  return z.safeParse(schema, json)
}

/** The sample with the value at one path (object keys only) replaced, or deleted when `value` is absent. */
function mutate(payload: Json, path: string[], value: unknown, remove: boolean): Json {
  const copy = structuredClone(payload)
  let at: Json = copy
  for (const key of path.slice(0, -1)) {
    const next = at[key]
    if (typeof next !== 'object' || next === null) return copy
    at = next as Json
  }
  const last = path[path.length - 1] as string
  if (remove) delete at[last]
  else at[last] = value
  return copy
}

function keyPaths(value: unknown, prefix: string[] = []): string[][] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return []
  return Object.entries(value).flatMap(([key, child]) => [[...prefix, key], ...keyPaths(child, [...prefix, key])])
}

describe('validatePayload', () => {
  it.each(cases)('passes $label through the compiled validator as the very object it was given', ({ schema, payload, provider }) => {
    const json = JSON.parse(JSON.stringify(payload()))
    // The first payload of a schema takes the runtime parser (and is copied); the compile comes after it.
    expect(validatePayload(schema, structuredClone(json), provider)).toEqual(json)
    const out = validatePayload(schema, json, provider)
    // The fast path: no copy; the slow path would build an equal but distinct object.
    expect(out).toBe(json)
    expect(slowPath(schema, json)).toEqual({ success: true, data: json })
  })

  it.each(cases)('agrees with safeParse on $label with any field replaced or removed', ({ schema, payload, provider }) => {
    const sample = JSON.parse(JSON.stringify(payload())) as Json
    const paths = keyPaths(sample)
    const mutation = fc.record({ path: fc.constantFrom(...paths), value: fc.jsonValue({ maxDepth: 2 }), remove: fc.boolean() })
    fc.assert(
      fc.property(mutation, ({ path, value, remove }) => {
        const json = mutate(sample, path, value, remove)
        const expected = slowPath(schema, structuredClone(json))
        let outcome: { success: true; data: unknown } | { success: false; path: unknown }
        try {
          outcome = { success: true, data: validatePayload(schema, json, provider) }
        } catch (error) {
          if (!isWebhookError(error) || error.code !== 'PAYLOAD_INVALID') throw error
          outcome = { success: false, path: error.path }
        }
        expect(outcome.success).toBe(expected.success)
        if (outcome.success && expected.success) expect(outcome.data).toEqual(expected.data)
        if (!outcome.success && !expected.success) expect(outcome.path).toBe(expected.error.issues[0]?.path.join('.') || '(root)')
      }),
      { numRuns: 150 },
    )
  })

  it('reports the failing path with an English message, as zod classic did', () => {
    const [first] = cases
    if (first === undefined) throw new Error('no samples')
    let caught: unknown
    try {
      validatePayload(first.schema, 42, first.provider)
    } catch (error) {
      caught = error
    }
    expect(isWebhookError(caught) && caught.message).toMatch(/payload is invalid at \(root\): Invalid input: expected object, received number\.$/)
  })
})
