import type { IncomingMessage, ServerResponse } from 'node:http'
import { createWebhookHandler, type WebhookTarget } from '../create-webhook-handler.js'
import { readNodeBody } from './read-node-body.js'
import { sendNodeResponse } from './send-node-response.js'

export interface NodeHandlerOptions {
  /**
   * Only requests under this path are webhooks (e.g. '/webhooks'); others go to `next` or get a 404.
   * Default: every request, the provider being the last path segment that names one.
   */
  path?: string | undefined
}

export type NodeWebhookHandler = (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void) => Promise<void>

/**
 * A `(req, res, next?)` handler for `node:http` servers (and Connect-style middleware stacks):
 * `http.createServer(toNodeHandler(hooks, { path: '/webhooks' }))`.
 */
export function toNodeHandler(hooks: WebhookTarget, options: NodeHandlerOptions = {}): NodeWebhookHandler {
  const prefix = options.path === undefined ? undefined : options.path.replace(/\/+$/, '')
  const handleWebhook = createWebhookHandler<IncomingMessage, ServerResponse, void>(hooks, {
    url: (req) => req.url ?? '/',
    method: (req) => req.method,
    headers: (req) => req.headers,
    readBody: readNodeBody,
    send: sendNodeResponse,
  })

  return async function nodeWebhookHandler(req, res, next) {
    if (prefix !== undefined && !isUnder(req.url ?? '/', prefix)) {
      if (next !== undefined) return next()
      sendNodeResponse(res, {
        status: 404,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ error: { code: 'NOT_FOUND', message: `No webhook route at ${(req.url ?? '/').split('?')[0]}.`, hint: `Webhooks are received under ${prefix || '/'}/<provider>.` } }),
      })
      return
    }
    try {
      await handleWebhook(req, res)
    } catch (error) {
      // Only reading can throw here (the client went away mid-body); there is nobody left to answer.
      if (next !== undefined) return next(error)
      res.destroy(error instanceof Error ? error : undefined)
    }
  }
}

function isUnder(url: string, prefix: string): boolean {
  const path = url.split('?', 1)[0] ?? '/'
  return prefix === '' || path === prefix || path.startsWith(`${prefix}/`)
}
