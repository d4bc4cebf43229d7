import type { SamplePayload } from '../../core/test-kit.js'
import type { MidtransTransactionStatus } from './schema.js'

/**
 * Payment notifications built from the documented fields (providers.md §1.3: field names, every value
 * a string, `G141532850`, `"midtrans payment notification"`, `"10000.00"` with two decimals, times in
 * GMT+7 without offset) and status codes (§1.4: 201 pending and a card challenge, 202 on deny and on an
 * expired VA; the binding in status-table.ts). Values the docs do not print are plausible fill-ins. No
 * `signature_key`: the test kit's `sign` adds it.
 */
function notification(transactionStatus: MidtransTransactionStatus, statusCode: string, fields: SamplePayload) {
  return (overrides: SamplePayload = {}): SamplePayload => ({
    transaction_time: '2026-03-01 07:30:00',
    transaction_status: transactionStatus,
    transaction_id: '5b3d8e1a-7c42-4f6e-9a0b-2d6c1e8f4a37',
    status_message: 'midtrans payment notification',
    status_code: statusCode,
    order_id: 'ORDER-2026-0301-17',
    merchant_id: 'G141532850',
    gross_amount: '10000.00',
    currency: 'IDR',
    ...fields,
    ...overrides,
  })
}

/** Card fields of the official card samples (§1.3). */
const card = {
  payment_type: 'credit_card',
  masked_card: '48111111-1114',
  card_type: 'credit',
  bank: 'bni',
  eci: '05',
  approval_code: '1772331000512',
  channel_response_code: '00',
  channel_response_message: 'Approved',
}

/** Virtual-account fields of the official VA samples (§1.3). */
const bankTransfer = {
  payment_type: 'bank_transfer',
  va_numbers: [{ bank: 'bca', va_number: '12345678901' }],
}

/** Indomaret (convenience store) fields of the official sample (§1.3): low-risk, no fraud_status at all. */
const indomaret = {
  payment_type: 'cstore',
  store: 'indomaret',
  payment_code: '25181301170811',
  settlement_time: '2026-03-01 08:02:40',
}

export const midtransSamples = {
  /** Card charged, FDS accepted: paid (§1.4). */
  capture: notification('capture', '200', { ...card, fraud_status: 'accept' }),
  /**
   * Card charged, FDS wants the merchant to review it (§1.4 fraud_status). The official 3DS "Challenge
   * Notification" sample carries status_code 201 (docs.midtrans.com card 3DS page).
   */
  challenge: notification('capture', '201', { ...card, fraud_status: 'challenge' }),
  /** VA waiting to be paid: status_code 201 (§1.4). */
  pending: notification('pending', '201', { ...bankTransfer, fraud_status: 'accept' }),
  /** VA paid and settled, with the settlement time and payment_amounts (§1.3). */
  completed: notification('settlement', '200', {
    ...bankTransfer,
    fraud_status: 'accept',
    settlement_time: '2026-03-01 07:45:12',
    payment_amounts: [{ paid_at: '2026-03-01 07:45:10', amount: '10000.00' }],
  }),
  /** Convenience store: low-risk, so no fraud_status at all (§1.3). */
  indomaret: notification('settlement', '200', indomaret),
  /**
   * The Indomaret settlement above, reversed by the channel minutes later (§1.4 "Reversal": Permata VA,
   * Mandiri Bill, Indomaret): `deny` with the denied code 202, still carrying the settlement's
   * settlement_time. The order is unpaid again.
   */
  reversal: notification('deny', '202', indomaret),
  /** Card rejected by the bank; the official deny sample carries status_code 202 (§1.4). */
  failed: notification('deny', '202', {
    ...card,
    fraud_status: 'accept',
    channel_response_code: '05',
    channel_response_message: 'Do not honour',
  }),
  /** Capture cancelled by the merchant before settlement (§1.4). */
  cancelled: notification('cancel', '200', { ...card, fraud_status: 'accept' }),
  /** VA not paid in time; the official expire sample carries status_code 202 (§1.4). */
  expired: notification('expire', '202', { ...bankTransfer, fraud_status: 'accept' }),
  /** Marked refunded by the merchant (§1.4). */
  refunded: notification('refund', '200', { ...card, fraud_status: 'accept' }),
}
