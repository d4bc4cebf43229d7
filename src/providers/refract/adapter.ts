import type { WebhookAdapter } from '../../core/adapter.js'
import { statusEvent, testEvent, unknownEvent, type EventFields } from '../../core/build-event.js'
import { assertJsonDepth } from '../../core/json-depth.js'
import { readBodyText, readHeader, readJsonBody, type WebhookRequest } from '../../core/request.js'
import { readSecretOption, readVerificationNone, secretMissing, secretScrubber } from '../../core/secrets.js'
import { validatePayload } from '../../core/validate-payload.js'
import { WebhookError } from '../../core/webhook-error.js'
import { parseIsoDate } from '../../core/parse-date.js'
import { readRefractMessage, refractPrice, type RefractHeadingLine, type RefractOrderData } from './message.js'
import { isMultipartFormData, readPayloadJsonPart } from './multipart.js'
import { refractPayloadSchema, type RefractPayload } from './schema.js'
import { REFRACT_TOKEN_QUERY_PARAM, verifyRefractToken } from './signature.js'
import { refractStatus } from './status-table.js'

export interface RefractOptions {
  /**
   * The token in the webhook URL you give Refract (`https://your.host/webhooks/refract/<token>`, or
   * `?token=<token>`); a list during rotation.
   */
  token?: string | readonly string[] | undefined
  /**
   * Discord-format webhooks are unsigned. Without a token, say `'none'` to accept deliveries unchecked
   * (protect the URL otherwise).
   */
  verification?: 'none' | undefined
}

export type RefractAdapter = WebhookAdapter<'refract', typeof refractPayloadSchema>

/**
 * The message JSON: the body itself (parsed once per request by core), or the `payload_json` part of a
 * multipart/form-data body, which Discord-format senders use when they attach files (providers.md §5.3).
 */
function readRefractJson(req: WebhookRequest): unknown {
  const contentType = readHeader(req.headers, 'content-type')
  if (!isMultipartFormData(contentType)) return readJsonBody(req, 'refract')
  const text = readPayloadJsonPart(readBodyText(req, 'refract'), contentType)
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (cause) {
    throw new WebhookError('PAYLOAD_INVALID_JSON', 'The payload_json part of the Refract multipart body is not valid JSON.', {
      provider: 'refract',
      hint: 'Pass the raw request body unmodified: a multipart parser or a proxy that re-encodes the form breaks it.',
      cause,
    })
  }
  // The same bound as a plain JSON body (core readJsonBody).
  assertJsonDepth(json, text, 'refract')
  return json
}

/** The heading that announces an outcome, else the first one (its prefix is still worth logging). */
function pickHeading(headings: readonly RefractHeadingLine[]): RefractHeadingLine | undefined {
  return headings.find((heading) => refractStatus(heading.prefix) !== null) ?? headings[0]
}

/** Labels worth showing a person. Proxy details are left out on purpose: proxy URLs often embed credentials. */
function refractDetails(store: string | undefined, order: RefractOrderData): Record<string, string> | undefined {
  const details: Record<string, string> = {}
  if (store) details.store = store
  if (order.product) details.product = order.product
  if (order.profile) details.profile = order.profile
  if (order.email) details.email = order.email
  if (order.quantity) details.quantity = order.quantity
  return Object.keys(details).length === 0 ? undefined : details
}

const LEADING_HASH = /^#\s*/

/** The Order Number as the merchant's reference: "#BBY01-807102506907" → "BBY01-807102506907". */
function orderReference(orderNumber: string | undefined): string | undefined {
  const reference = orderNumber?.replace(LEADING_HASH, '')
  return reference === '' ? undefined : reference
}

/**
 * Refract (retail checkout bot): Discord-format checkout messages, unsigned; checked by a token in the
 * webhook URL.
 */
export function refract(options?: RefractOptions): RefractAdapter {
  const tokens = readSecretOption(options?.token, 'token', 'refract')
  const unverified = readVerificationNone(options?.verification, tokens.length > 0, 'refract', 'token')
  if (tokens.length === 0 && !unverified) throw secretMissing('refract', 'token', true)

  return {
    name: 'refract',
    schema: refractPayloadSchema,
    transitionExceptions: [],
    // A Discord-format webhook is a one-way message: Refract has no API to ask for an order's status.
    statusApi: { supported: false, reason: 'Refract posts Discord-format messages and has no status API to ask.' },
    sensitive: { bodyFields: [], headers: [], queryParams: [REFRACT_TOKEN_QUERY_PARAM], pathToken: true, scrub: secretScrubber(tokens, '[redacted]') },
    verifySignature: unverified ? async () => ({ ok: true, method: 'none' }) : (req) => verifyRefractToken(req, tokens),
    async parse(req) {
      const payload: RefractPayload = validatePayload(refractPayloadSchema, readRefractJson(req), 'refract')
      const { headings, order, timestamp } = readRefractMessage(payload)
      const heading = pickHeading(headings)
      const status = heading === undefined ? null : refractStatus(heading.prefix)
      const reference = orderReference(order.orderNumber)
      const fields: EventFields<'refract', RefractPayload> = {
        provider: 'refract',
        reference,
        amount: refractPrice(order.price),
        occurredAt: parseIsoDate(timestamp),
        details: refractDetails(heading?.store, order),
        providerStatus: heading?.prefix ?? '',
        raw: payload,
      }
      // A declined checkout placed no order, so it may well have no Order Number; it is still a failure.
      if (status === 'failed') return statusEvent('order', status, fields)
      // No Order Number: Refract's "Test Notification" (providers.md §5.2), acknowledged and never an error.
      if (reference === undefined) return testEvent(fields)
      return status === null ? unknownEvent(fields) : statusEvent('order', status, fields)
    },
    // Discord answers Execute Webhook with 204 No Content (providers.md §5.3).
    ack: () => ({ status: 204, headers: {}, body: '' }),
  }
}
