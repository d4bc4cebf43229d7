import { collectBody } from './collect-body.js'
import { createWebhookHandler, type WebhookTarget } from './create-webhook-handler.js'

/**
 * `hooks.fetch`: a web-standard `(Request) => Promise<Response>` for Hono, Next.js route handlers, Bun,
 * Deno and Workers. The provider is the last path segment naming a registered provider.
 */
export function createFetchHandler(target: WebhookTarget): (request: Request) => Promise<Response> {
  const handleWebhook = createWebhookHandler<Request, undefined, Response>(
    target,
    {
      url: (request) => {
        const url = new URL(request.url, 'http://localhost')
        return url.pathname + url.search
      },
      method: (request) => request.method,
      headers: (request) => request.headers,
      readBody: (request, limit, provider) => collectBody(request.body, limit, provider),
      // An empty string body is not allowed on 204 by the Response constructor.
      send: (_, { status, headers, body }) => new Response(status === 204 || body === '' ? null : body, { status, headers }),
    },
  )
  return (request) => handleWebhook(request, undefined)
}
