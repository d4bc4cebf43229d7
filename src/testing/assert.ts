// The shared suites run under any test runner (vitest, jest, node:test), so they assert with plain throws.

export function assertTrue(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`payhooks contract: ${message}`)
}

export function assertEqual<T>(actual: T, expected: T, message: string): void {
  if (!Object.is(actual, expected)) {
    throw new Error(`payhooks contract: ${message} (expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)})`)
  }
}

export async function rejectsWith(promise: Promise<unknown>, code: string, message: string): Promise<Error & { code?: string }> {
  try {
    await promise
  } catch (error) {
    const caught = error as Error & { code?: string }
    assertEqual(caught.code, code, message)
    return caught
  }
  throw new Error(`payhooks contract: ${message} (expected a ${code} rejection, got none)`)
}

export function throwsWith(fn: () => unknown, code: string, message: string): void {
  try {
    fn()
  } catch (error) {
    assertEqual((error as { code?: string }).code, code, message)
    return
  }
  throw new Error(`payhooks contract: ${message} (expected ${code} to be thrown)`)
}

/** A minimal shape of describe/it that vitest, jest and node:test all provide. */
export interface TestApi {
  describe: (name: string, fn: () => void) => unknown
  it: (name: string, fn: () => Promise<void> | void) => unknown
}
