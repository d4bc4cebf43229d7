/**
 * `AbortSignal.any(signals)`, also where the runtime lacks it: @edge-runtime/vm (what Next.js runs edge
 * routes and edge tests on) has no `AbortSignal.any`, and httpNotifier and the status clients combine
 * the engine's signal with their deadline on every call.
 */
export function anySignal(signals: readonly AbortSignal[]): AbortSignal {
  return typeof AbortSignal.any === 'function' ? AbortSignal.any([...signals]) : followFirstAbort(signals)
}

/** The fallback: aborts with the reason of the first of `signals` to abort; its listeners go with it. */
export function followFirstAbort(signals: readonly AbortSignal[]): AbortSignal {
  const controller = new AbortController()
  for (const signal of signals) {
    if (signal.aborted) {
      controller.abort(signal.reason)
      break
    }
    signal.addEventListener('abort', () => controller.abort(signal.reason), { once: true, signal: controller.signal })
  }
  return controller.signal
}
