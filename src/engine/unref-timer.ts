/** setTimeout's ceiling: a longer delay fires at once in Node and browsers. */
const MAX_DELAY_MS = 2 ** 31 - 1

export type TimerHandle = ReturnType<typeof setTimeout>

/**
 * A timer that never keeps a finished process alive (unref where the runtime has it), or undefined
 * where timers are refused: a Workers module's global scope throws on setTimeout, and the engine must
 * still load there. The callers then rely on the next request or drain to move the outbox.
 */
export function unrefTimer(fn: () => void, ms: number): TimerHandle | undefined {
  try {
    const timer = setTimeout(fn, Math.min(MAX_DELAY_MS, Math.max(0, ms)))
    ;(timer as { unref?: () => void }).unref?.()
    return timer
  } catch {
    return undefined
  }
}
