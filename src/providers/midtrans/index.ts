export { midtrans, type MidtransAdapter, type MidtransOptions } from './adapter.js'
export {
  midtransPayloadSchema,
  MIDTRANS_FRAUD_STATUSES,
  MIDTRANS_TRANSACTION_STATUSES,
  type MidtransFraudStatus,
  type MidtransPayload,
  type MidtransTransactionStatus,
} from './schema.js'
export { verifyMidtransSignature } from './signature.js'
export { MIDTRANS_STATUS, MIDTRANS_TRANSITION_EXCEPTIONS, type MidtransFraudKey } from './status-table.js'
