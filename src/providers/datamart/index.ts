export { datamart, type DatamartAdapter, type DatamartOptions } from './adapter.js'
export {
  datamartOrderStatusSchema,
  datamartPayloadSchema,
  type DatamartEventName,
  type DatamartOrderStatus,
  type DatamartOrderStatusAnswer,
  type DatamartPayload,
} from './schema.js'
export { verifyDatamartSignature } from './signature.js'
export { createDatamartStatusClient, DATAMART_API_BASE_URL, type DatamartStatusApiOptions } from './status-client.js'
export { DATAMART_EVENT_STATUS, DATAMART_ORDER_STATUS, DATAMART_STATUS_EVENT } from './status-table.js'
