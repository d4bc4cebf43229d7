import type { AnyWebhookAdapter, Outcome } from '../../core/adapter.js'
import type { Store } from '../../engine/types.js'
import type { SamplePayload } from '../../core/test-kit.js'
import { describeAck, describeAnswer, isExpectedAck, postWebhook, signFor, type Answer } from '../post-webhook.js'
import type { ProviderKits } from '../provider-kits.js'
import { check, type CheckId, type DoctorCheck } from './doctor-check.js'
import { confirmInLog } from './confirm-in-log.js'

export interface DoctorInput {
  kits: ProviderKits
  /** The provider's adapter made with the secret: whose acknowledgements the endpoint must give. */
  adapter: AnyWebhookAdapter
  endpoint: URL
  secret: string
  reference: string
  /** The endpoint's own store (--store), to confirm through the delivery log what its answers claim. */
  store?: Store | undefined
}

type StepId = Exclude<CheckId, 'reachable'>

/** A POST the endpoint did not answer (refused connection, timeout): the check fails with the reason. */
class Unanswered extends Error {}

async function post(input: DoctorInput, signed: Awaited<ReturnType<typeof signFor>>): Promise<Answer> {
  try {
    return await postWebhook(input.endpoint, signed)
  } catch (error) {
    throw new Unanswered(error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error))
  }
}

/**
 * Runs what a provider's integrator checks by hand against a live endpoint, in an order where each
 * check leaves the next its starting point: refusals first (nothing may be applied), then the paid
 * delivery, its redelivery, a late delivery that must change nothing, and the provider's test message.
 */
export async function runDoctor(input: DoctorInput): Promise<DoctorCheck[]> {
  const { kits, adapter, endpoint, secret, reference } = input
  const { test, operator } = kits
  const sample = (name: string): SamplePayload => {
    const payload = operator.sample(name, { reference })
    if (payload === undefined) throw new Error(`${kits.provider}: the operator kit names a sample the test kit lacks (${name})`)
    return payload
  }
  const checks: DoctorCheck[] = []
  const reached = await reachable(endpoint)
  checks.push(reached)
  const remaining: StepId[] = ['unsigned', 'tampered', 'signed', 'redelivery', 'late', ...(operator.doctor.testNotification === undefined ? [] : ['testNotification' as const])]
  if (reached.result === 'fail') {
    for (const id of remaining) checks.push(check(id, 'skip', 'not run: the endpoint is not reachable'))
    return checks
  }
  const completed = await signFor(kits, endpoint, secret, sample(operator.doctor.completed))
  const acknowledges = (answer: Answer, outcome: Outcome) => {
    const expected = adapter.ack(outcome)
    const ok = isExpectedAck(answer, expected, operator.doctor.checkAckBody)
    return { ok, text: ok ? `${describeAnswer(answer)}, as ${kits.provider} expects` : `answered ${describeAnswer(answer)}; ${kits.provider} expects ${describeAck(expected, operator.doctor.checkAckBody)}` }
  }
  const refused = async (id: 'unsigned' | 'tampered', signed: typeof completed) => {
    const answer = await post(input, signed)
    return answer.status === 401
      ? check(id, 'pass', describeAnswer(answer))
      : check(id, 'fail', `answered ${describeAnswer(answer)}: a request that is not ${id === 'unsigned' ? 'signed' : 'what was signed'} must be refused with 401, and nothing applied`)
  }
  const steps: Record<StepId, () => Promise<DoctorCheck>> = {
    unsigned: () => refused('unsigned', test.strip(completed)),
    tampered: async () =>
      test.signsBody
        ? refused('tampered', test.tamper(completed))
        : check('tampered', 'skip', `${kits.provider} signs nothing in the body (its secret travels in ${operator.signatureLocation}), so a changed body cannot be seen`),
    signed: async () => {
      const answer = await post(input, completed)
      const ack = acknowledges(answer, 'applied')
      if (!ack.ok) return check('signed', 'fail', ack.text)
      return confirmInLog(input, 'signed', ack.text, { outcome: 'applied', status: 'completed' })
    },
    redelivery: async () => {
      const answer = await post(input, completed)
      const ack = acknowledges(answer, 'duplicate')
      if (!ack.ok) return check('redelivery', 'fail', `${ack.text} (a redelivery must be acknowledged, or the provider keeps retrying)`)
      return confirmInLog(input, 'redelivery', ack.text, { outcome: 'duplicate', status: 'completed' })
    },
    late: async () => {
      const late = await signFor(kits, endpoint, secret, sample(operator.doctor.late.sample))
      const answer = await post(input, late)
      const ack = acknowledges(answer, 'stale')
      if (!ack.ok) return check('late', 'fail', `${operator.doctor.late.status} after completed: ${ack.text}`)
      return confirmInLog(input, 'late', `${operator.doctor.late.status} after completed: ${ack.text}`, { outcome: 'stale', status: 'completed' })
    },
    testNotification: async () => {
      const signed = await signFor(kits, endpoint, secret, sample(operator.doctor.testNotification as string))
      const ack = acknowledges(await post(input, signed), 'test')
      return check('testNotification', ack.ok ? 'pass' : 'fail', ack.text)
    },
  }
  for (const id of remaining) {
    try {
      checks.push(await steps[id]())
    } catch (error) {
      if (!(error instanceof Unanswered)) throw error
      checks.push(check(id, 'fail', `no answer: ${error.message}`))
    }
  }
  return checks
}

/** Any HTTP answer to a GET counts: payhooks answers 405, other servers 404 or 200. */
async function reachable(endpoint: URL): Promise<DoctorCheck> {
  try {
    const response = await fetch(endpoint, { redirect: 'manual', signal: AbortSignal.timeout(10_000) })
    await response.body?.cancel()
    return check('reachable', 'pass', `GET answered ${response.status}`)
  } catch (error) {
    const reason = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error)
    return check('reachable', 'fail', `no answer from ${endpoint.origin}: ${reason}`)
  }
}
