/**
 * The store's `unresolvedBefore` for "unchanged for at least `stuckFor` ms". +1: the store's cutoff is
 * strict, and "unchanged for stuckFor" includes exactly that long ago (as reconcile does).
 */
export function stuckCutoff(stuckFor: number, now: number = Date.now()): Date {
  return new Date(now - stuckFor + 1)
}
