import * as z from 'zod/mini'
import { nonEmptyText } from '../../core/schema-parts.js'

/** Documented `transactionstatus` values: the spec's pair and the spelling AzamPay's own plugin expects (providers.md §2.4). */
export const AZAMPAY_TRANSACTION_STATUSES = ['success', 'failure', 'failed'] as const
export type AzampayTransactionStatus = (typeof AZAMPAY_TRANSACTION_STATUSES)[number]

/** The spec's `Provider` enum, in its spelling (providers.md §2.3); callbacks vary the case (§2.8.4). */
export const AZAMPAY_OPERATORS = ['Airtel', 'Tigo', 'Halopesa', 'Azampesa', 'Mpesa'] as const
export type AzampayOperator = (typeof AZAMPAY_OPERATORS)[number]

/** A field AzamPay lists but was seen sending as `null` (providers.md §2.2–§2.3). */
const nullableText = z.optional(z.nullable(z.string()))

/**
 * The checkout callback (providers.md §2.3). Two shapes arrive and both parse: the spec's
 * `CallbackRequest` with `user`/`password`/`clientId`/`externalreference`/`transid`/`mnoreference`
 * (observed null in sandbox), and the older one of the official samples and SDKs without them (plus the
 * dart SDK's optional `fspReferenceId`). Required are the four fields AzamPay's own WooCommerce plugin
 * insists on, which both shapes carry. Unknown fields are kept.
 */
export const azampayPayloadSchema = z.looseObject({
  message: nullableText,
  user: nullableText,
  password: nullableText,
  clientId: nullableText,
  transactionstatus: nonEmptyText,
  operator: nullableText,
  reference: nonEmptyText,
  externalreference: nullableText,
  utilityref: nonEmptyText,
  /** A string such as "60000" (§2.8.3); a number is accepted too. */
  amount: z.union([z.string(), z.number()]),
  transid: nullableText,
  msisdn: nullableText,
  mnoreference: nullableText,
  fspReferenceId: nullableText,
  submerchantAcc: nullableText,
  /** Echo of the checkout's `additionalProperties`. */
  additionalProperties: z.optional(z.nullable(z.record(z.string(), z.unknown()))),
})

export type AzampayPayload = z.output<typeof azampayPayloadSchema>
