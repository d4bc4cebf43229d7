import { createHmac, timingSafeEqual } from 'node:crypto'
import type { ReceivedRequest } from './webhook-receiver.js'

/**
 * The receiver's side of Standard Webhooks, written from the spec with node:crypto alone: the key is
 * the base64 after `whsec_`, the signed content `${id}.${timestamp}.${rawBody}`, any `v1,` entry may match.
 */
export function verifyStandardWebhook(request: ReceivedRequest, secret: string): boolean {
  const id = request.headers['webhook-id']
  const timestamp = request.headers['webhook-timestamp']
  const signatures = request.headers['webhook-signature']
  if (typeof id !== 'string' || typeof timestamp !== 'string' || typeof signatures !== 'string') return false
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64')
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${request.body}`).digest()
  return signatures.split(' ').some((entry) => {
    const [version, value] = entry.split(',')
    if (version !== 'v1' || value === undefined) return false
    const given = Buffer.from(value, 'base64')
    return given.length === expected.length && timingSafeEqual(given, expected)
  })
}
