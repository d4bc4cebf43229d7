import { z } from 'zod'

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
  order_id: z.string().min(1),
  status_code: z.string().min(1),
  gross_amount: z.string().min(1),
  transaction_status: z.string().min(1),
  transaction_id: z.string().optional(),
  fraud_status: z.string().optional(),
  currency: z.string().optional(),
  payment_type: z.string().optional(),
  transaction_time: z.string().optional(),
  settlement_time: z.string().optional(),
  status_message: z.string().optional(),
  merchant_id: z.string().optional(),
  signature_key: z.string().optional(),
})

export type MidtransPayload = z.output<typeof midtransPayloadSchema>
