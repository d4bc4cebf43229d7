import * as z from 'zod/mini'
import { nonEmptyText } from '../../core/schema-parts.js'

/** `transaction_status` values (providers.md §1.4). */
export const MIDTRANS_TRANSACTION_STATUSES = [
  'pending', 'capture', 'settlement', 'deny', 'cancel', 'expire', 'failure',
  'refund', 'partial_refund', 'chargeback', 'partial_chargeback', 'authorize',
] as const
export type MidtransTransactionStatus = (typeof MIDTRANS_TRANSACTION_STATUSES)[number]

/** `fraud_status` values (§1.4); low-risk methods such as Indomaret omit the field. */
export const MIDTRANS_FRAUD_STATUSES = ['accept', 'challenge', 'deny'] as const
export type MidtransFraudStatus = (typeof MIDTRANS_FRAUD_STATUSES)[number]

/**
 * The HTTP notification (providers.md §1.3). Every value is a JSON string: the three signed ones must
 * stay strings so the signature can be recomputed from them verbatim. Midtrans adds fields over time
 * (`metadata`, `va_numbers`, …), so unknown fields are kept, never rejected.
 */
export const midtransPayloadSchema = z.looseObject({
  order_id: nonEmptyText,
  status_code: nonEmptyText,
  gross_amount: nonEmptyText,
  transaction_status: nonEmptyText,
  transaction_id: z.optional(z.string()),
  fraud_status: z.optional(z.string()),
  currency: z.optional(z.string()),
  payment_type: z.optional(z.string()),
  transaction_time: z.optional(z.string()),
  settlement_time: z.optional(z.string()),
  status_message: z.optional(z.string()),
  merchant_id: z.optional(z.string()),
  signature_key: z.optional(z.string()),
})

export type MidtransPayload = z.output<typeof midtransPayloadSchema>
