import type { VerifyResult } from '../core/adapter.js'
import type { Status } from '../core/status.js'
import type { WebhookRequest } from '../core/request.js'

type Payload = Record<string, unknown>

/** A cause of a failed (or fragile) verification, as `payhooks verify` reports it: what is wrong and the fix. */
export interface Diagnosis {
  code: string
  /** What is wrong, said to a person. Never contains the secret. */
  problem: string
  fix: string
  /** true when undoing the cause made the request verify (or the fault is certain); false for a likely cause. */
  confirmed: boolean
}

export interface DiagnoseInput {
  request: WebhookRequest
  /** The secret as given (it may be the cause: quotes, whitespace). */
  secret: string
  /** The verification with that secret (a factory refusal becomes `{ ok: false }`). */
  result: VerifyResult
  /** Verifies with this provider's default adapter: for trying a cause undone. */
  verify(request: WebhookRequest, secret: string): Promise<VerifyResult>
}

/** What one signed sample needs to name an order of the CLI's own. */
export interface SampleFill {
  reference?: string | undefined
  /** A decimal amount in the provider's currency, as a person types it: "25000", "12.50". */
  amount?: string | undefined
}

/**
 * Provider facts the `payhooks` command line needs (doctor, send, verify), kept in the provider's folder
 * so the CLI never names a provider.
 */
export interface ProviderOperatorKit {
  /** Where the signature (or token) travels, said to a person: "the X-DataMart-Signature header". */
  signatureLocation: string
  /** A copy of `request` with `value` where this provider carries its signature; absent for token providers. */
  placeSignature?(request: WebhookRequest, value: string): WebhookRequest
  /** A documented sample (a test-kit sample name) with the reference and amount where this provider puts them. */
  sample(name: string, fill: SampleFill): Payload | undefined
  doctor: {
    /** The sample doctor sends as the paid delivery. */
    completed: string
    /** A sample that must arrive after `completed` and change nothing (money wins / ranks), and its status. */
    late: { sample: string; status: Status }
    /** The provider's "test notification" sample, when it has one. */
    testNotification?: string
    /** Whether doctor holds the acknowledgement's body to the adapter's too (the provider documents one), not only its status. */
    checkAckBody: boolean
  }
  /** Provider-specific causes; the command line adds the general ones (quoted secret, pretty-printed body, …). */
  diagnose(input: DiagnoseInput): Promise<Diagnosis[]>
}

/** The request's body as a JSON object, or undefined when it is not one. */
export function readJsonObject(request: WebhookRequest): Payload | undefined {
  if (typeof request.body !== 'string') return undefined
  try {
    const json: unknown = JSON.parse(request.body)
    return typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Payload) : undefined
  } catch {
    return undefined
  }
}

type SampleBuild = (overrides?: Payload) => Payload

/** A test kit's sample builder by name, or undefined for a name it does not have. */
export function pickSample(samples: object, name: string): SampleBuild | undefined {
  const build = (samples as Record<string, unknown>)[name]
  return typeof build === 'function' && Object.hasOwn(samples, name) ? (build as SampleBuild) : undefined
}

/** A copy of `payload` with `fields` merged into its `data` object (DataMart's and ClickPesa's envelope). */
export function withData(payload: Payload, fields: Payload): Payload {
  return { ...payload, data: { ...(payload.data as Payload), ...fields } }
}
