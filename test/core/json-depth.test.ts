import { describe, expect, it } from 'vitest'
import { assertJsonDepth, MAX_JSON_DEPTH } from '../../src/core/json-depth.js'
import { WebhookError } from '../../src/core/webhook-error.js'

const nestedObjects = (levels: number) => '{"k":'.repeat(levels - 1) + '{}' + '}'.repeat(levels - 1)
const nestedArrays = (levels: number) => '['.repeat(levels) + ']'.repeat(levels)

function refusal(text: string): WebhookError | undefined {
  try {
    assertJsonDepth(JSON.parse(text), text, 'clickpesa')
  } catch (error) {
    return error as WebhookError
  }
  return undefined
}

describe('assertJsonDepth', () => {
  it('accepts exactly MAX_JSON_DEPTH levels and refuses one more, for objects and arrays', () => {
    expect(MAX_JSON_DEPTH).toBe(32)
    for (const nested of [nestedObjects, nestedArrays]) {
      expect(refusal(nested(32))).toBeUndefined()
      expect(refusal(nested(33))).toBeInstanceOf(WebhookError)
    }
  })

  it('answers PAYLOAD_INVALID (400) with the path of the first container past the limit and a hint', () => {
    const text = `{"event":"X","data":{"list":[1,${nestedObjects(40)}]}}`
    const error = refusal(text)
    // root 1, data 2, list 3, list[1] 4, then k at 5…: the 33rd level is list.1 + 29 k's.
    const path = ['data', 'list', '1', ...Array<string>(29).fill('k')].join('.')
    expect(error).toMatchObject({ code: 'PAYLOAD_INVALID', status: 400, provider: 'clickpesa', path })
    expect(error?.message).toContain(path)
    expect(error?.hint).toMatch(/32/)
  })

  it('is not fooled by brackets inside strings: many of them, shallow JSON, accepted', () => {
    const text = JSON.stringify({ data: { message: '[{'.repeat(500), notes: ['{[', '[['] } })
    expect(refusal(text)).toBeUndefined()
  })

  it('walks only when the text has more openers than the limit: a wide, shallow body is accepted', () => {
    const text = JSON.stringify({ data: Array.from({ length: 1_000 }, (_, i) => ({ i, tags: [i] })) })
    expect(refusal(text)).toBeUndefined()
  })

  it('clips huge keys in the path', () => {
    const key = 'x'.repeat(10_000)
    const error = refusal(`{"${key}":${nestedArrays(40)}}`)
    expect(error?.path?.startsWith(`${'x'.repeat(32)}….0.0`)).toBe(true)
    expect(error?.path?.length).toBeLessThan(200)
  })

  it('handles 50 000 levels without overflowing the stack', () => {
    expect(refusal(nestedObjects(50_000))?.code).toBe('PAYLOAD_INVALID')
    expect(refusal(nestedArrays(50_000))?.code).toBe('PAYLOAD_INVALID')
  })
})
