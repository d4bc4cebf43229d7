import { unrefTimer, type TimerHandle } from './unref-timer.js'

/**
 * The one timer that keeps the outbox moving without requests or cron: armed for the earliest moment
 * this process knows a row falls due (a retry it scheduled, a lease it could not release) or, failing
 * that, the next poll. The poll is what finds rows another instance leased and abandoned (it crashed):
 * their lease ends are in no store this process can ask, so it looks again every `pollMs`.
 */
export function createOutboxWake(onWake: () => void, pollMs: number) {
  const dueTimes = new Set<number>()
  let pollAt = Number.POSITIVE_INFINITY
  let timer: TimerHandle | undefined
  let timerAt = Number.NaN
  let closed = false

  function arm(): void {
    let at = pollAt
    for (const time of dueTimes) if (time < at) at = time
    if (timer !== undefined && timerAt === at) return
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
    if (closed || at === Number.POSITIVE_INFINITY) return
    timerAt = at
    timer = unrefTimer(() => {
      timer = undefined
      onWake()
    }, at - Date.now())
  }

  return {
    /** A row falls due at `time` (ms since the epoch). */
    dueAt(time: number): void {
      dueTimes.add(time)
      arm()
    },
    /**
     * A drain found everything due at `checkedAt` (ms): the times up to then are covered. The next
     * poll is `pollMs` from now.
     */
    covered(checkedAt: number): void {
      for (const time of dueTimes) if (time <= checkedAt) dueTimes.delete(time)
      pollAt = Date.now() + pollMs
      arm()
    },
    /** A drain failed (the store is down): try again at the next poll. */
    failed(): void {
      pollAt = Date.now() + pollMs
      arm()
    },
    close(): void {
      closed = true
      if (timer !== undefined) clearTimeout(timer)
      timer = undefined
    },
  }
}
