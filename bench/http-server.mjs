// One server of the HTTP benchmark, started in its own process: `node http-server.mjs <kind>`.
// Prints its port. Kinds: payhooks-fastify, floor-fastify, payhooks-express, floor-express.
import { createHmac, timingSafeEqual } from 'node:crypto'
import express from 'express'
import Fastify from 'fastify'
import { z } from 'zod'
import { createPayhooks, datamart } from '../dist/node/index.js'
import { expressWebhooks } from '../dist/node/express.js'
import { fastifyWebhooks } from '../dist/node/fastify.js'

import { BENCH_SECRET } from './http-secret.mjs'

// The hand-written floor: what a careful team writes without payhooks, and nothing more.
const orderSchema = z.looseObject({
  event: z.string(),
  timestamp: z.string().optional(),
  data: z.looseObject({ orderReference: z.string(), transactionId: z.string().optional(), price: z.number().optional(), status: z.string().optional() }),
})
function floorHandle(raw, signature) {
  const expected = createHmac('sha256', BENCH_SECRET).update(raw).digest('hex')
  if (typeof signature !== 'string' || signature.length !== expected.length || !timingSafeEqual(Buffer.from(signature), Buffer.from(expected))) {
    return { status: 401, body: '{"error":"invalid signature"}' }
  }
  const payload = orderSchema.parse(JSON.parse(raw.toString('utf8')))
  const normalized = { reference: payload.data.orderReference, status: payload.event.slice('order.'.length), amount: Math.round((payload.data.price ?? 0) * 100) }
  if (normalized.reference === '') return { status: 400, body: '{}' }
  return { status: 200, body: '{"received":true}' }
}

const kind = process.argv[2]
let listen
if (kind === 'payhooks-fastify' || kind === 'floor-fastify') {
  const app = Fastify()
  if (kind === 'payhooks-fastify') {
    const hooks = createPayhooks({ providers: [datamart({ webhookSecret: BENCH_SECRET })] })
    await app.register(fastifyWebhooks, { hooks, prefix: '/webhooks' })
  } else {
    app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => done(null, body))
    app.post('/webhooks/datamart', (req, reply) => {
      const { status, body } = floorHandle(req.body, req.headers['x-datamart-signature'])
      reply.code(status).header('content-type', 'application/json').send(body)
    })
  }
  listen = () => app.listen({ port: 0, host: '127.0.0.1' }).then(() => app.server.address().port)
} else if (kind === 'payhooks-express' || kind === 'floor-express') {
  const app = express()
  if (kind === 'payhooks-express') {
    const hooks = createPayhooks({ providers: [datamart({ webhookSecret: BENCH_SECRET })] })
    app.use('/webhooks', expressWebhooks(hooks))
  } else {
    app.post('/webhooks/datamart', express.raw({ type: '*/*' }), (req, res) => {
      const { status, body } = floorHandle(req.body, req.get('x-datamart-signature'))
      res.status(status).type('application/json').send(body)
    })
  }
  listen = () => new Promise((resolve) => { const server = app.listen(0, '127.0.0.1', () => resolve(server.address().port)) })
} else {
  throw new Error(`unknown server kind ${kind}`)
}
// Exit cleanly on a signal, so that --cpu-prof can write its profile when investigating.
process.on("SIGINT", () => process.exit(0))
process.stdout.write(`${await listen()}\n`)
