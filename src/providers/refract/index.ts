export { refract, type RefractAdapter, type RefractOptions } from './adapter.js'
export { REFRACT_LABELS, readRefractMessage, refractPrice, type RefractMessage, type RefractOrderData } from './message.js'
export {
  refractEmbedFieldSchema,
  refractEmbedSchema,
  refractPayloadSchema,
  type RefractEmbed,
  type RefractEmbedField,
  type RefractPayload,
} from './schema.js'
export { verifyRefractToken } from './signature.js'
export { REFRACT_HEADINGS, REFRACT_HEADING_STATUS } from './status-table.js'
