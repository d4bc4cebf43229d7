export { clickpesa, type ClickpesaAdapter, type ClickpesaOptions } from './adapter.js'
export {
  clickpesaPayloadSchema,
  type ClickpesaData,
  type ClickpesaEventName,
  type ClickpesaPayload,
  type ClickpesaPaymentStatus,
  type ClickpesaPayoutStatus,
} from './schema.js'
export { verifyClickpesaSignature, type ClickpesaChecksumMethod } from './signature.js'
export {
  CLICKPESA_API_BASE_URL,
  CLICKPESA_PAYMENT_STATUS_EVENT,
  CLICKPESA_PAYOUT_STATUS_EVENT,
  createClickpesaStatusClient,
  type ClickpesaStatusApiOptions,
} from './status-client.js'
export { CLICKPESA_EVENT, CLICKPESA_PAYMENT_STATUS, CLICKPESA_PAYOUT_STATUS } from './status-table.js'
