import * as z from 'zod/mini'
import { nonEmptyText } from '../../core/schema-parts.js'

/** Documented events (providers.md §4.4). */
export const DATAMART_EVENTS = ['order.created', 'order.processing', 'order.completed', 'order.failed', 'order.refunded'] as const
export type DatamartEventName = (typeof DATAMART_EVENTS)[number]

/** `data.status` values: the documented ones and the backend enum's undocumented ones (§4.4). */
export const DATAMART_ORDER_STATUSES = [
  'pending', 'waiting', 'processing', 'accepted', 'on', 'completed', 'delivered', 'failed', 'refunded', 'refund',
] as const
export type DatamartOrderStatus = (typeof DATAMART_ORDER_STATUSES)[number]

/** The webhook envelope `{ event, timestamp, data }` (providers.md §4.3). Unknown fields are kept. */
export const datamartPayloadSchema = z.looseObject({
  event: nonEmptyText,
  timestamp: z.optional(z.string()),
  data: z.looseObject({
    orderId: z.optional(z.string()),
    orderReference: nonEmptyText,
    transactionId: z.optional(z.string()),
    phone: z.optional(z.string()),
    network: z.optional(z.string()),
    capacity: z.optional(z.union([z.number(), z.string()])),
    price: z.optional(z.union([z.number(), z.string()])),
    status: z.optional(z.string()),
    createdAt: z.optional(z.string()),
    updatedAt: z.optional(z.string()),
  }),
})

export type DatamartPayload = z.output<typeof datamartPayloadSchema>

const optionalText = z.nullish(z.string())

/**
 * The answer of `GET /order-status/{reference}` (providers.md §4.6): `{ status: "success", data }`, with
 * the API's own field names (§4.7.1): `reference`, `phoneNumber`, `orderStatus` where the webhook says
 * `orderReference`, `phone`, `status`. DataMart's code also returns `mb`, `balanceInfo`, `apiResponse`
 * and the processing rules; unknown fields are kept. Mongo may serialize an unset field as null.
 */
export const datamartOrderStatusSchema = z.looseObject({
  status: z.literal('success'),
  data: z.looseObject({
    orderId: optionalText,
    reference: nonEmptyText,
    phoneNumber: optionalText,
    network: optionalText,
    capacity: z.nullish(z.union([z.number(), z.string()])),
    price: z.nullish(z.union([z.number(), z.string()])),
    orderStatus: nonEmptyText,
    processingMethod: optionalText,
    createdAt: optionalText,
    updatedAt: optionalText,
  }),
})

export type DatamartOrderStatusAnswer = z.output<typeof datamartOrderStatusSchema>
