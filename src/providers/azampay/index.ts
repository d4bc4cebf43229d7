export { azampay, type AzampayAdapter, type AzampayOptions } from './adapter.js'
export {
  AZAMPAY_OPERATORS,
  AZAMPAY_TRANSACTION_STATUSES,
  azampayPayloadSchema,
  type AzampayOperator,
  type AzampayPayload,
  type AzampayTransactionStatus,
} from './schema.js'
export { verifyAzampaySignature, type AzampaySecrets } from './signature.js'
export { AZAMPAY_TRANSACTION_STATUS } from './status-table.js'
