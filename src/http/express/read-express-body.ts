import type { IncomingMessage } from 'node:http'
import type { ProviderName } from '../../core/event.js'
import { WebhookError } from '../../core/webhook-error.js'
import type { BodyResult } from '../create-webhook-handler.js'
import { readNodeBody } from '../node/read-node-body.js'
import { payloadTooLarge } from '../../engine/payload-too-large.js'

type ExpressRequest = IncomingMessage & { body?: unknown; rawBody?: unknown; _body?: unknown }

export const PARSED_BEFORE_ROUTER_HINT =
  'A body parser (usually a global app.use(express.json())) read this request before payhooks, and the ' +
  'signature covers the exact bytes, which re-serializing cannot restore. Mount the webhooks first: ' +
  "app.use('/webhooks', expressWebhooks(hooks)) BEFORE app.use(express.json()); or keep the raw bytes " +
  'with express.json({ verify: (req, _res, buf) => { req.rawBody = buf } }).'

/**
 * The raw body of an Express request. Normally read from the stream here. When a body parser ran first
 * (the stream is consumed), the raw bytes are used if they were kept (`req.rawBody` from a `verify`
 * hook, or `req.body` as a Buffer from express.raw()); otherwise 400 PAYLOAD_NOT_RAW, because a parsed
 * object cannot be turned back into the bytes the provider signed.
 */
export async function readExpressBody(req: ExpressRequest, limit: number, provider: ProviderName): Promise<BodyResult> {
  const consumed = req.readableEnded || req._body === true
  if (!consumed) return readNodeBody(req, limit, provider)
  const raw = Buffer.isBuffer(req.body) ? req.body : req.rawBody
  if (typeof raw === 'string' || raw instanceof Uint8Array) {
    const size = typeof raw === 'string' ? Buffer.byteLength(raw) : raw.byteLength
    return size > limit ? { ok: false, error: payloadTooLarge(limit, provider) } : { ok: true, body: raw }
  }
  const error = new WebhookError('PAYLOAD_NOT_RAW', 'The request body was already parsed before the payhooks router saw it.', {
    provider,
    hint: PARSED_BEFORE_ROUTER_HINT,
  })
  return { ok: false, error }
}
