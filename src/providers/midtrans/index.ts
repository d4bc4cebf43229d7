export { midtrans, type MidtransAdapter, type MidtransOptions, type MidtransVerification } from './adapter.js'
export type { MidtransEvent, MidtransStatusEvent } from './midtrans-event.js'
export {
  midtransPayloadSchema,
  MIDTRANS_FRAUD_STATUSES,
  MIDTRANS_TRANSACTION_STATUSES,
  type MidtransFraudStatus,
  type MidtransPayload,
  type MidtransTransactionStatus,
} from './schema.js'
export { verifyMidtransSignature } from './signature.js'
export {
  createMidtransStatusClient,
  MIDTRANS_PRODUCTION_API,
  MIDTRANS_SANDBOX_API,
  type MidtransStatusApiOptions,
  type MidtransStatusClient,
  type MidtransStatusResult,
} from './status-client.js'
export {
  MIDTRANS_STATUS,
  MIDTRANS_STATUS_CODE_BINDING,
  MIDTRANS_STATUS_CODES,
  MIDTRANS_TRANSITION_EXCEPTIONS,
  type MidtransFraudKey,
  type MidtransStatusCode,
} from './status-table.js'
