export { fastifyWebhooks, type FastifyWebhooksOptions } from './fastify-webhooks.js'
export type { WebhookTarget } from '../create-webhook-handler.js'
