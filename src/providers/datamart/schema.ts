import { z } from 'zod'

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
  event: z.string().min(1),
  timestamp: z.string().optional(),
  data: z.looseObject({
    orderId: z.string().optional(),
    orderReference: z.string().min(1),
    transactionId: z.string().optional(),
    phone: z.string().optional(),
    network: z.string().optional(),
    capacity: z.union([z.number(), z.string()]).optional(),
    price: z.union([z.number(), z.string()]).optional(),
    status: z.string().optional(),
    createdAt: z.string().optional(),
    updatedAt: z.string().optional(),
  }),
})

export type DatamartPayload = z.output<typeof datamartPayloadSchema>

const optionalText = z.string().nullish()

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
    reference: z.string().min(1),
    phoneNumber: optionalText,
    network: optionalText,
    capacity: z.union([z.number(), z.string()]).nullish(),
    price: z.union([z.number(), z.string()]).nullish(),
    orderStatus: z.string().min(1),
    processingMethod: optionalText,
    createdAt: optionalText,
    updatedAt: optionalText,
  }),
})

export type DatamartOrderStatusAnswer = z.output<typeof datamartOrderStatusSchema>
