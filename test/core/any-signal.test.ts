import { describe, expect, it } from 'vitest'
import { anySignal, followFirstAbort } from '../../src/core/any-signal.js'

describe('followFirstAbort (AbortSignal.any where the runtime lacks it)', () => {
  it('aborts with the reason of the first signal to abort, and only once', () => {
    const first = new AbortController()
    const second = new AbortController()
    const combined = followFirstAbort([first.signal, second.signal])
    let aborts = 0
    combined.addEventListener('abort', () => (aborts += 1))
    expect(combined.aborted).toBe(false)
    second.abort(new Error('deadline'))
    first.abort(new Error('engine'))
    expect(combined.aborted).toBe(true)
    expect((combined.reason as Error).message).toBe('deadline')
    expect(aborts).toBe(1)
  })

  it('is aborted at once when a signal already is', () => {
    const combined = followFirstAbort([new AbortController().signal, AbortSignal.abort('gone')])
    expect(combined.aborted).toBe(true)
    expect(combined.reason).toBe('gone')
  })

  it('stays open while none aborts', () => {
    expect(followFirstAbort([new AbortController().signal, new AbortController().signal]).aborted).toBe(false)
  })
})

describe('anySignal', () => {
  it('follows a timeout like AbortSignal.any does', async () => {
    const combined = anySignal([new AbortController().signal, AbortSignal.timeout(1)])
    await new Promise((resolve) => combined.addEventListener('abort', resolve))
    expect((combined.reason as DOMException).name).toBe('TimeoutError')
  })
})
