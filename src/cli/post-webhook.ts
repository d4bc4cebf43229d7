import type { WebhookResponse } from '../core/adapter.js'
import type { SamplePayload, SignedWebhook } from '../core/test-kit.js'
import type { ProviderKits } from './provider-kits.js'

export interface Answer {
  status: number
  body: string
}

const TIMEOUT_MS = 10_000

/** Signs `payload` for the endpoint's path the way the provider signs it (a token provider's token lands in the URL). */
export function signFor(kits: ProviderKits, endpoint: URL, secret: string, payload: SamplePayload): Promise<SignedWebhook> {
  return kits.test.sign(payload, { secret, path: endpoint.pathname.replace(/\/+$/, '') })
}

/** POSTs a signed webhook to the endpoint's origin, giving up after about as long as providers wait (10–15 s). */
export async function postWebhook(endpoint: URL, signed: SignedWebhook): Promise<Answer> {
  const response = await fetch(new URL(signed.url, endpoint.origin), {
    method: 'POST',
    body: signed.body,
    headers: signed.headers,
    redirect: 'manual',
    signal: AbortSignal.timeout(TIMEOUT_MS),
  })
  return { status: response.status, body: await response.text() }
}

function sameJson(a: string, b: string): boolean {
  try {
    return JSON.stringify(JSON.parse(a)) === JSON.stringify(JSON.parse(b))
  } catch {
    return a === b
  }
}

/** Whether an answer is the acknowledgement the provider expects: its status, and its body when that is checked. */
export function isExpectedAck(answer: Answer, expected: WebhookResponse, checkBody: boolean): boolean {
  return answer.status === expected.status && (!checkBody || sameJson(answer.body, expected.body))
}

/** `204`, or `200 {"received":true}` when the body is part of the form. */
export function describeAck(expected: WebhookResponse, checkBody: boolean): string {
  return checkBody && expected.body !== '' ? `${expected.status} ${expected.body}` : String(expected.status)
}

const MAX_SHOWN = 120

/** payhooks' own refusals: `{ error: { code } }`. */
function errorCode(body: string): string | undefined {
  try {
    const code = (JSON.parse(body) as { error?: { code?: unknown } }).error?.code
    return typeof code === 'string' ? code : undefined
  } catch {
    return undefined
  }
}

/** An answer as one short line: `401 SIGNATURE_MISSING`, `200 {"received":true}`, cut to a readable length. */
export function describeAnswer(answer: Answer): string {
  const code = errorCode(answer.body)
  if (code !== undefined) return `${answer.status} ${code}`
  const body = answer.body.replace(/\s+/g, ' ').trim()
  return body === '' ? String(answer.status) : `${answer.status} ${body.length > MAX_SHOWN ? `${body.slice(0, MAX_SHOWN)}…` : body}`
}
