import * as z from 'zod/mini'
import { nonEmptyText } from '../../core/schema-parts.js'

/** The documented event names, exact strings: upper-case words and a space (providers.md §3.1). */
export const CLICKPESA_EVENTS = [
  'PAYMENT RECEIVED',
  'PAYMENT FAILED',
  'PAYOUT INITIATED',
  'PAYOUT REFUNDED',
  'PAYOUT REVERSED',
  'DEPOSIT RECEIVED',
] as const
export type ClickpesaEventName = (typeof CLICKPESA_EVENTS)[number]

/** `data.status` of a payment (and, by assumption, a deposit): the payment-status page's enum (§3.2). */
export const CLICKPESA_PAYMENT_STATUSES = ['SUCCESS', 'SETTLED', 'PROCESSING', 'PENDING', 'FAILED', 'ON-HOLD'] as const
export type ClickpesaPaymentStatus = (typeof CLICKPESA_PAYMENT_STATUSES)[number]

/** `data.status` of a payout: the payout query API's enum (§3.2, §3.5). */
export const CLICKPESA_PAYOUT_STATUSES = ['SUCCESS', 'PROCESSING', 'PENDING', 'FAILED', 'REFUNDED', 'REVERSED'] as const
export type ClickpesaPayoutStatus = (typeof CLICKPESA_PAYOUT_STATUSES)[number]

// The field sets changed between doc versions (§3.2), so every optional field also tolerates null.
const text = z.nullish(z.string())
// Strings in webhooks ("10000", "500.00"); an integer in the payment query API (§3.6.2).
const decimal = z.nullish(z.union([z.string(), z.number()]))

/**
 * The webhook envelope `{ event, data }` (providers.md §3.2). The older PAYMENT FAILED sample names the
 * event `eventType` (§3.6.1): one of the two is required, and its absence is reported at `event`.
 * Unknown fields are kept at every level.
 */
export const clickpesaPayloadSchema = z
  .looseObject({
    event: z.optional(nonEmptyText),
    eventType: z.optional(nonEmptyText),
    checksum: text,
    checksumMethod: text,
    data: z.looseObject({
      id: text,
      /** The March 2025 docs' name for `id`. */
      paymentId: text,
      orderReference: nonEmptyText,
      status: text,
      paymentReference: text,
      collectedAmount: decimal,
      collectedCurrency: text,
      amount: decimal,
      currency: text,
      fee: decimal,
      message: text,
      channel: text,
      channelProvider: text,
      /** Payouts: ACH or RTGS; the current page shows both names (§3.6.3). */
      settlementType: text,
      transferType: text,
      notes: text,
      customer: z.nullish(
        z.looseObject({
          customerName: text,
          customerEmail: text,
          customerPhoneNumber: text,
          // March 2025 names.
          name: text,
          email: text,
          phone: text,
        }),
      ),
      beneficiary: z.nullish(
        z.looseObject({
          accountNumber: text,
          accountName: text,
          swiftNumber: text,
          routingNumber: text,
          beneficiaryMobileNumber: text,
          beneficiaryEmail: text,
        }),
      ),
      refund: z.nullish(z.looseObject({ message: text, refundedAt: text })),
      reverse: z.nullish(z.looseObject({ message: text, reversedAt: text, reversedWithFee: z.nullish(z.boolean()) })),
      createdAt: text,
      updatedAt: text,
    }),
  })
  .check(
    z.refine((payload) => payload.event !== undefined || payload.eventType !== undefined, {
      path: ['event'],
      message: 'the event name is missing (expected under event, or eventType in older payloads)',
    }),
  )

export type ClickpesaPayload = z.output<typeof clickpesaPayloadSchema>
export type ClickpesaData = ClickpesaPayload['data']
