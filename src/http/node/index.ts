export { toNodeHandler, type NodeHandlerOptions, type NodeWebhookHandler } from './to-node-handler.js'
export type { WebhookTarget } from '../create-webhook-handler.js'
