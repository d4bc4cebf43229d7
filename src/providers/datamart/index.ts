export { datamart, type DatamartAdapter, type DatamartOptions } from './adapter.js'
export { datamartPayloadSchema, type DatamartPayload, type DatamartEventName, type DatamartOrderStatus } from './schema.js'
export { verifyDatamartSignature } from './signature.js'
export { DATAMART_EVENT_STATUS, DATAMART_ORDER_STATUS } from './status-table.js'
