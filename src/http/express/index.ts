export { expressWebhooks } from './express-webhooks.js'
export { PARSED_BEFORE_ROUTER_HINT } from './read-express-body.js'
export type { WebhookTarget } from '../create-webhook-handler.js'
