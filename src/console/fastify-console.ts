import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import type { PayhooksConsole } from './create-console.js'
import { sendNodeConsoleResponse, toWebRequest, type NodeLikeRequest } from './node-console-handler.js'

export interface FastifyConsoleOptions {
  console: PayhooksConsole
}

/**
 * `app.register(fastifyConsole, { console })`: every method under the console's basePath. Not wrapped
 * in fastify-plugin, so its buffer body parser stays in this scope and the app keeps its JSON parsing.
 */
export const fastifyConsole: FastifyPluginAsync<FastifyConsoleOptions> = async function fastifyConsole(fastify, { console }) {
  fastify.removeAllContentTypeParsers()
  fastify.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 16 * 1024 }, (_req: FastifyRequest, body: Buffer, done: (error: Error | null, body?: Buffer) => void) => done(null, body))
  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    const body = request.body instanceof Uint8Array ? request.body : undefined
    const webRequest = toWebRequest(request.raw as NodeLikeRequest, reply.raw, request.method === 'GET' || request.method === 'HEAD' ? undefined : (body ?? ''))
    if (webRequest === undefined) return reply.code(400).send()
    // The response is streamed by hand (the live feed never ends), so Fastify must not send one too.
    reply.hijack()
    await sendNodeConsoleResponse(reply.raw, await console.fetch(webRequest))
  }
  fastify.all(console.basePath, handler)
  fastify.all(`${console.basePath}/*`, handler)
}
