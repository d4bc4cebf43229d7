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
