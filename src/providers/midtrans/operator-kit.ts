import type { Diagnosis, DiagnoseInput, ProviderOperatorKit } from '../operator-kit.js'
import { pickSample, readJsonObject } from '../operator-kit.js'
import { readHeader } from '../../core/request.js'
import { midtransSamples } from './samples.js'

const SIGNATURE_FIELD = 'signature_key'
const CLIENT_KEY = /^(?:SB-)?Mid-client-/
const SANDBOX_SERVER_KEY = /^SB-Mid-server-/

/**
 * Where Midtrans notifications come from (providers.md §1.2 "Notification source IPs"): a captured
 * request's forwarded-for address tells which environment sent it, so which key signed it.
 */
const SANDBOX_IPS = ['103.58.103.177']
const PRODUCTION_PREFIXES = ['103.208.23.', '103.127.16.', '103.127.17.']

function sourceEnvironment(input: DiagnoseInput): { environment: 'sandbox' | 'production'; ip: string } | undefined {
  for (const header of ['x-forwarded-for', 'x-real-ip', 'cf-connecting-ip']) {
    const ip = readHeader(input.request.headers, header)?.split(',', 1)[0]?.trim()
    if (ip === undefined || ip === '') continue
    if (SANDBOX_IPS.includes(ip)) return { environment: 'sandbox', ip }
    if (PRODUCTION_PREFIXES.some((prefix) => ip.startsWith(prefix))) return { environment: 'production', ip }
  }
  return undefined
}

function clientKey(secret: string): Diagnosis[] {
  if (!CLIENT_KEY.test(secret)) return []
  return [
    {
      code: 'midtrans-client-key',
      problem: 'The key is a Midtrans Client Key (Mid-client-… / SB-Mid-client-…), which is for the browser and signs nothing.',
      fix: 'Use the Server Key (Mid-server-…, sandbox SB-Mid-server-…) from Dashboard → Settings → Access Keys.',
      confirmed: true,
    },
  ]
}

function environmentMismatch(input: DiagnoseInput): Diagnosis[] {
  if (input.result.ok || input.result.error.code !== 'SIGNATURE_MISMATCH' || CLIENT_KEY.test(input.secret)) return []
  const keyEnvironment = SANDBOX_SERVER_KEY.test(input.secret) ? 'sandbox' : 'production'
  const other = keyEnvironment === 'sandbox' ? 'production' : 'sandbox'
  const otherKey = other === 'sandbox' ? 'SB-Mid-server-…' : 'Mid-server-…'
  const source = sourceEnvironment(input)
  if (source !== undefined && source.environment === keyEnvironment) return []
  return [
    {
      code: `midtrans-${keyEnvironment}-key`,
      problem:
        source === undefined
          ? `The key is a ${keyEnvironment} Server Key; a notification from Midtrans ${other} is signed with the ${other} Server Key.`
          : `The notification came from ${source.ip}, a Midtrans ${other} address, but the key is a ${keyEnvironment} Server Key.`,
      fix: `Verify ${other} notifications with the ${other} Server Key (${otherKey}), from the ${other} dashboard's Settings → Access Keys.`,
      confirmed: source !== undefined,
    },
  ]
}

/** "10000.00" that reached the log as 10000 or "10000": Midtrans signed the two-decimal string. */
async function reserializedAmount(input: DiagnoseInput): Promise<Diagnosis[]> {
  const body = readJsonObject(input.request)
  const amount = body?.gross_amount
  if (body === undefined || input.result.ok || amount === undefined) return []
  if (typeof amount === 'string' && /\.\d{2}$/.test(amount)) return []
  const restored = Number(amount).toFixed(2)
  const retried = await input.verify({ ...input.request, body: JSON.stringify({ ...body, gross_amount: restored }) }, input.secret)
  return [
    {
      code: 'midtrans-gross-amount-reserialized',
      problem: `gross_amount is ${JSON.stringify(amount)}, not the two-decimal string Midtrans signs ("${restored}"): the body was parsed and serialized again before it was captured.`,
      fix: 'Hand payhooks the raw body exactly as received (Express: mount payhooks before express.json(), or keep req.rawBody); do not rebuild it from a parsed object.',
      confirmed: retried.ok,
    },
  ]
}

/** A genuine signature over a notification whose transaction_status was changed (or built by hand). */
function statusDisagreement(input: DiagnoseInput): Diagnosis[] {
  if (input.result.ok || input.result.error.path !== 'transaction_status') return []
  const body = readJsonObject(input.request) ?? {}
  return [
    {
      code: 'midtrans-status-code-mismatch',
      problem: `The signature is genuine, but transaction_status ${JSON.stringify(body.transaction_status)} disagrees with the signed status_code ${JSON.stringify(body.status_code)}: Midtrans never sends them together.`,
      fix:
        'Use the notification exactly as Midtrans sent it. A hand-built test notification must pair each status with its code ' +
        '(settlement/capture 200, pending 201, deny/expire 202): `payhooks send midtrans <url> --status <name>` does.',
      confirmed: true,
    },
  ]
}

export const midtransOperatorKit: ProviderOperatorKit = {
  signatureLocation: 'the signature_key field of the JSON body',
  placeSignature(request, value) {
    const body = readJsonObject(request)
    return body === undefined ? request : { ...request, body: JSON.stringify({ ...body, [SIGNATURE_FIELD]: value }) }
  },
  sample(name, { reference, amount }) {
    return pickSample(midtransSamples, name)?.({
      ...(reference === undefined ? {} : { order_id: reference }),
      ...(amount === undefined ? {} : { gross_amount: Number(amount).toFixed(2) }),
    })
  },
  doctor: { completed: 'completed', late: { sample: 'pending', status: 'pending' }, checkAckBody: false },
  async diagnose(input) {
    return [...clientKey(input.secret), ...statusDisagreement(input), ...(await reserializedAmount(input)), ...environmentMismatch(input)]
  },
}
