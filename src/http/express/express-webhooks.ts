import express, { type Request, type Response, type Router } from 'express'
import { createWebhookHandler, type WebhookTarget } from '../create-webhook-handler.js'
import { sendNodeResponse } from '../node/send-node-response.js'
import { readExpressBody } from './read-express-body.js'

/**
 * An Express router for every registered provider: `app.use('/webhooks', expressWebhooks(hooks))`
 * receives `/webhooks/<provider>` and `/webhooks/<provider>/<token>`. It reads the raw body itself, so
 * it needs no body parser; mount it before a global `express.json()` (see readExpressBody for what
 * happens otherwise). All methods are routed so that the engine answers a GET with 405.
 */
export function expressWebhooks(hooks: WebhookTarget): Router {
  const handleWebhook = createWebhookHandler<Request, Response, void>(hooks, {
    // originalUrl keeps the mount prefix and the query string (AzamPay's ?token=) for the delivery log.
    url: (req) => req.originalUrl,
    method: (req) => req.method,
    headers: (req) => req.headers,
    readBody: readExpressBody,
    send: sendNodeResponse,
  })
  const router = express.Router()
  router.all(['/:provider', '/:provider/:token'], (req, res, next) => {
    const { provider } = req.params
    handleWebhook(req, res, typeof provider === 'string' ? provider : undefined).catch(next)
  })
  return router
}
