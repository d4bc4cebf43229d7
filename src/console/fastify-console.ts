import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import type { PayhooksConsole } from './create-console.js'
import type { NodeLikeRequest } from './node-console-handler.js'

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
  const handler = (request: FastifyRequest, reply: FastifyReply) => {
    reply.hijack()
    const body = request.body instanceof Uint8Array ? request.body : undefined
    return console.node(request.raw as NodeLikeRequest, reply.raw, undefined, body)
  }
  fastify.all(console.basePath, handler)
  fastify.all(`${console.basePath}/*`, handler)
}
