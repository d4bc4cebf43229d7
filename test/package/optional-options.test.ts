import { describe, expect, it } from 'vitest'
import { publicOptionalOptions } from './optional-options.js'

// Under `exactOptionalPropertyTypes`, `store: cond ? memoryStore() : undefined` only compiles when the
// option's type says `| undefined`. The walk finds every optional option of the public API.
describe('optional options of the public API', () => {
  const options = publicOptionalOptions()

  it('are found: every entry, nested objects and the methods of what factories return', () => {
    const names = options.map((option) => option.name)
    for (const name of ['PayhooksOptions.store', 'RetryOptions.timeoutMs', 'MidtransOptions.statusApi', 'ReconcileOptions.signal', 'HttpNotifierOptions.headers', 'SignOptions.path', 'RecordsQuery.stuckFor', 'RecordsQuery.limit']) {
      expect(names).toContain(name)
    }
    expect(options.length).toBeGreaterThan(90)
  }, 30_000)

  it('each accept an explicit undefined', () => {
    expect(options.filter((option) => !option.acceptsUndefined).map((option) => `${option.name} (${option.at})`)).toEqual([])
  })
})
