import { clickpesa } from '../../../src/providers/clickpesa/index.js'
import { createClickpesaFakeStatusApi, type ClickpesaFakePayment, type ClickpesaFakePayout } from '../../../src/providers/clickpesa/fake-status-api.js'
import type { StatusClient } from '../../../src/core/status-api.js'
import { clickpesaSamples } from '../../../src/providers/clickpesa/samples.js'
import { serveFetchHandler, type ServedHandler } from '../../../src/testing/serve-fetch-handler.js'

// Query-API answers shaped as providers.md §3.5 documents them (the payments element: id, status,
// paymentReference, orderReference, collectedAmount as an INTEGER, collectedCurrency, message,
// updatedAt, createdAt, customer{customerName, customerPhoneNumber, customerEmail}, and the newer
// clientId / paymentPhoneNumber; the payouts element: amount and fee as strings, channel,
// channelProvider, settlementType, notes, beneficiary{…}). The values are those of the webhook samples
// of §3.2 (samples.ts), so that each element is the same attempt its webhook reported.

export const CLIENT_ID = 'IDcpTestClient7Qw3'
export const API_KEY = 'SKcpTestApiKey93xZ5b'
export const CHECKSUM_KEY = 'cpk_test_status_4c2e'

/** The current PAYMENT RECEIVED sample's attempt, as the payments query reports it. */
export function paymentSuccess(overrides: Partial<ClickpesaFakePayment> = {}): ClickpesaFakePayment {
  return {
    id: 'ORD123456LCP7890',
    status: 'SUCCESS',
    paymentReference: 'abc123def456ghi789',
    orderReference: 'ORD123456',
    collectedAmount: 10000,
    collectedCurrency: 'TZS',
    message: 'success',
    updatedAt: '2026-02-03T09:41:27.512Z',
    createdAt: '2026-02-03T09:40:58.120Z',
    customer: { customerName: 'John Doe', customerPhoneNumber: '255700000000', customerEmail: 'john@example.com' },
    clientId: 'IDclientOfTheApplication',
    paymentPhoneNumber: '255700000000',
    ...overrides,
  }
}

/** The PAYMENT FAILED sample's attempt (id, status FAILED, message "Insufficient balance"): the query reports the webhook's data as it is. */
export function paymentFailed(overrides: Partial<ClickpesaFakePayment> = {}): ClickpesaFakePayment {
  return { ...(clickpesaSamples.failed().data as ClickpesaFakePayment), ...overrides }
}

/** The payout samples' attempt (PAY17072CD, "20000.00" TZS, fee "2360.00"), as the payouts query reports it. */
export function payout(status: string, overrides: Partial<ClickpesaFakePayout> = {}): ClickpesaFakePayout {
  const data = clickpesaSamples.payoutInitiated().data as Record<string, unknown>
  return { ...data, orderReference: 'order_123456', status, ...overrides } as ClickpesaFakePayout
}

export interface FakeClickpesa {
  fake: ReturnType<typeof createClickpesaFakeStatusApi>
  served: ServedHandler
  client: StatusClient
  /** Query paths the fake received, in order (the token request as 'token'). */
  calls(): string[]
}

/** The fake on a real 127.0.0.1 server, and a client of the adapter pointed at it. */
export async function startFakeClickpesa(
  options: { tokenTtlMs?: number; timeoutMs?: number; clientId?: string; apiKey?: string } = {},
): Promise<FakeClickpesa> {
  const fake = createClickpesaFakeStatusApi({ clientId: CLIENT_ID, apiKey: API_KEY, tokenTtlMs: options.tokenTtlMs })
  const served = await serveFetchHandler((request) => fake.fetch(request))
  const adapter = clickpesa({
    checksumKey: CHECKSUM_KEY,
    statusApi: { clientId: options.clientId ?? CLIENT_ID, apiKey: options.apiKey ?? API_KEY, baseUrl: served.url, timeoutMs: options.timeoutMs ?? 2_000 },
  })
  if (!adapter.statusApi.supported) throw new Error('the adapter has no status client')
  const client = adapter.statusApi.client
  const calls = () => fake.requests.map((r) => (r.path === '/third-parties/generate-token' ? 'token' : `${r.method} ${r.path}`))
  return { fake, served, client, calls }
}
