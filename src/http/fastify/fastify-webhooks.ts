import type { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import type { ProviderName } from '../../core/event.js'
import { createWebhookHandler, type WebhookTarget } from '../create-webhook-handler.js'
import { payloadTooLarge } from '../../engine/payload-too-large.js'
import { resolveProvider } from '../resolve-provider.js'

export interface FastifyWebhooksOptions {
  hooks: WebhookTarget
  /** Where the routes live, e.g. '/webhooks' (Fastify applies it as the register prefix). */
  prefix?: string | undefined
}

/**
 * A Fastify plugin receiving `<prefix>/<provider>` and `<prefix>/<provider>/<token…>`:
 * `app.register(fastifyWebhooks, { hooks, prefix: '/webhooks' })`.
 *
 * It is deliberately NOT wrapped in fastify-plugin: its raw-Buffer body parser (every content type,
 * limited to hooks.maxBodyBytes by Fastify itself, which also stops reading early) stays inside this
 * plugin's encapsulated scope, so the rest of the app keeps parsing JSON as before.
 */
export const fastifyWebhooks: FastifyPluginAsync<FastifyWebhooksOptions> = async function fastifyWebhooks(fastify, { hooks }) {
  const bodyLimit = hooks.maxBodyBytes
  fastify.removeAllContentTypeParsers()
  const keepBuffer = (_req: FastifyRequest, body: Buffer, done: (error: Error | null, body?: Buffer) => void) => done(null, body)
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit }, keepBuffer)
  fastify.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit }, keepBuffer)

  // Fastify refuses an oversized body before the route runs; answer it in payhooks' error shape.
  fastify.setErrorHandler(async (error: FastifyError, request, reply) => {
    if (error.code !== 'FST_ERR_CTP_BODY_TOO_LARGE') throw error
    const provider = resolveProvider(request.url, hooks.providers)
    const refused = await hooks.refuse(provider ?? '', { body: '', headers: request.headers, url: request.url, method: request.method }, payloadTooLarge(bodyLimit, provider as ProviderName | undefined))
    return send(reply, refused)
  })

  const handleWebhook = createWebhookHandler<FastifyRequest, FastifyReply, FastifyReply>(hooks, {
    url: (request) => request.url,
    method: (request) => request.method,
    headers: (request) => request.headers,
    readBody: async (request) => {
      const body = request.body
      return { ok: true, body: body instanceof Uint8Array ? body : '' }
    },
    send,
  })
  const handler = (request: FastifyRequest<{ Params: { provider: string } }>, reply: FastifyReply) =>
    handleWebhook(request, reply, request.params.provider)
  // All methods, so that the engine answers a GET with 405 instead of Fastify with 404.
  fastify.all('/:provider', { bodyLimit }, handler)
  fastify.all('/:provider/*', { bodyLimit }, handler)
}

function send(reply: FastifyReply, { status, headers, body }: { status: number; headers: Record<string, string>; body: string }): FastifyReply {
  return reply.code(status).headers(headers).send(status === 204 ? undefined : body)
}
