import type { ProviderName } from '../core/event.js'

/**
 * The part every fake provider status API shares (the provider folders add the routes): a request
 * log, injected faults, and a count of requests in flight per key, so a test can prove that two
 * reconcilers never polled one record at the same time. A fake is a web-standard handler: pass
 * `fake.fetch` as `statusApi.fetch`, or serve it on 127.0.0.1 with `serveFetchHandler`.
 */

/** A fault the fake answers with instead of the truth. */
export type FakeFault =
  /** 429 with Retry-After: 0 and the provider's rate-limit headers. */
  | 'rate-limited'
  /** 500/502/503. */
  | 'server-error'
  /** A body that is not the documented shape. */
  | 'malformed'
  /** Holds the request until it is aborted (the client's deadline). */
  | 'hang'

export interface FakeRequest {
  method: string
  /** Path and query. */
  path: string
  headers: Record<string, string>
  /** The key the route named (a reference), for the overlap check. */
  key: string | undefined
}

export interface FakeFaultOptions {
  /** Probability in [0, 1] that a request gets one of `kinds` instead of the truth. */
  rate: number
  kinds: readonly FakeFault[]
  /** Seeded randomness for reproducible runs; default Math.random. */
  random?: () => number
}

export interface FakeRoute {
  /** The key (e.g. the reference) this request is about, for the overlap check. */
  key?: string | undefined
  respond: () => Response | Promise<Response>
}

export interface FakeStatusApiBase {
  readonly provider: ProviderName
  /** The handler: a `fetch` replacement, or serve it with `serveFetchHandler`. */
  readonly fetch: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>
  /** Every request received, oldest first. */
  readonly requests: FakeRequest[]
  /** The largest number of requests for one key that were in flight at once (1 = never overlapped). */
  maxConcurrentPerKey(): number
  /** The next `count` requests get `fault` (before any random faults). */
  failNext(fault: FakeFault, count?: number): void
  /** Random faults from now on; `undefined` turns them off. */
  setFaults(options: FakeFaultOptions | undefined): void
  /** Resolves after `ms` of simulated provider latency on every request (default 0). */
  setLatency(ms: number): void
}

export interface FakeStatusApiDefinition {
  provider: ProviderName
  /** The route for one request, or undefined for 404 with `notFoundBody`. */
  route(request: Request, url: URL): FakeRoute | undefined
  /** How this provider answers a fault, so fakes keep the provider's odd parts (headers, bodies). */
  fault(fault: Exclude<FakeFault, 'hang'>): Response
  /** The provider's own "no such route" answer. */
  notFound(): Response
}

function headersOf(request: Request): Record<string, string> {
  const out: Record<string, string> = {}
  request.headers.forEach((value, name) => {
    out[name] = value
  })
  return out
}

function hang(signal: AbortSignal | null): Promise<never> {
  return new Promise((_, reject) => {
    if (signal === null) return
    if (signal.aborted) reject(signal.reason)
    signal.addEventListener('abort', () => reject(signal.reason), { once: true })
  })
}

export function createFakeStatusApi(definition: FakeStatusApiDefinition): FakeStatusApiBase {
  const requests: FakeRequest[] = []
  const queued: FakeFault[] = []
  const inFlight = new Map<string, number>()
  let maxConcurrent = 0
  let faults: FakeFaultOptions | undefined
  let latencyMs = 0

  function pickFault(): FakeFault | undefined {
    const next = queued.shift()
    if (next !== undefined) return next
    if (faults === undefined || faults.kinds.length === 0) return undefined
    const random = faults.random ?? Math.random
    if (random() >= faults.rate) return undefined
    return faults.kinds[Math.floor(random() * faults.kinds.length)]
  }

  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url)
    const route = definition.route(request, url)
    requests.push({ method: request.method, path: `${url.pathname}${url.search}`, headers: headersOf(request), key: route?.key })
    const key = route?.key
    if (key !== undefined) {
      const count = (inFlight.get(key) ?? 0) + 1
      inFlight.set(key, count)
      maxConcurrent = Math.max(maxConcurrent, count)
    }
    try {
      if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs))
      const fault = pickFault()
      if (fault === 'hang') return await hang(request.signal)
      if (fault !== undefined) return definition.fault(fault)
      return route === undefined ? definition.notFound() : await route.respond()
    } finally {
      if (key !== undefined) inFlight.set(key, (inFlight.get(key) ?? 1) - 1)
    }
  }

  return {
    provider: definition.provider,
    fetch: (input, init) => handle(input instanceof Request && init === undefined ? input : new Request(input, init)),
    requests,
    maxConcurrentPerKey: () => maxConcurrent,
    failNext(fault, count = 1) {
      for (let i = 0; i < count; i++) queued.push(fault)
    },
    setFaults(options) {
      faults = options
    },
    setLatency(ms) {
      latencyMs = ms
    },
  }
}
