/** Median nanoseconds per call of `fn` over `iterations` calls (awaited), after a warm-up. */
export async function measure(fn, iterations) {
  for (let i = 0; i < Math.min(2_000, iterations); i++) await fn()
  const start = process.hrtime.bigint()
  for (let i = 0; i < iterations; i++) await fn()
  return Number(process.hrtime.bigint() - start) / iterations
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}
