/**
 * Constant-time for strings of equal length; strings of unequal length are unequal (and the loop still
 * runs over `a`, so the time depends only on the lengths, which are public: hex digests, or tokens whose
 * length an attacker learns nothing from). Compares UTF-16 code units in JS, in both builds, as
 * stripe-node does: node:crypto's timingSafeEqual needs two Buffer copies of the strings first; together
 * they take as long as this loop and leave two allocations per comparison for the GC (GC is ~10 % of the
 * verify path's time). One compare for both builds is also one behaviour to test.
 */
export function timingSafeEqualText(a: string, b: string): boolean {
  let diff = a.length ^ b.length
  const last = b.length - 1
  // `last` is -1 for an empty b: the length difference already decided, the index only has to be valid.
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i > last ? 0 : i)
  return diff === 0
}
