// The apps of the HTTP benchmarks, by kind and framework (bench/http-server.mjs serves one; bench/http-inject.mjs
// injects requests into them in process). Kinds:
//   payhooks         the plugin (Fastify) / router (Express), memory store
//   bare             a plain route of the same framework calling hooks.handle, memory store
//   floor            the hand-written floor pipeline (bench/http-floor.mjs), nothing stored
//   payhooks-sqlite  the plugin / router with the SQLite store
//   floor-sqlite     the hand-written route with its own SQLite transaction (bench/http-floor.mjs)
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import express from 'express'
import Fastify from 'fastify'
import { createPayhooks, datamart } from '../dist/node/index.js'
import { expressWebhooks } from '../dist/node/express.js'
import { fastifyWebhooks } from '../dist/node/fastify.js'
import { sqliteStore } from '../dist/node/stores/sqlite.js'
import { floorHandle, sqliteFloor } from './http-floor.mjs'
import { BENCH_SECRET } from './http-secret.mjs'

const dbFile = () => join(mkdtempSync(join(tmpdir(), 'payhooks-http-')), 'bench.db')
/** A Fastify app or an Express app for `kind`, and how to start listening on 127.0.0.1. */
export async function buildApp(kind, framework) {
  const hooks = kind === 'payhooks' || kind === 'bare' || kind === 'payhooks-sqlite'
    ? createPayhooks({ providers: [datamart({ webhookSecret: BENCH_SECRET })], ...(kind === 'payhooks-sqlite' ? { store: sqliteStore({ filename: dbFile() }) } : {}) })
    : undefined
  const floor = kind === 'floor' ? floorHandle : kind === 'floor-sqlite' ? sqliteFloor(new Database(dbFile())) : undefined
  if (hooks === undefined && floor === undefined) throw new Error(`unknown server kind ${kind}`)

  if (framework === 'fastify') {
    const app = Fastify()
    if (kind === 'payhooks' || kind === 'payhooks-sqlite') {
      await app.register(fastifyWebhooks, { hooks, prefix: '/webhooks' })
    } else {
      app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => done(null, body))
      app.post('/webhooks/datamart', async (req, reply) => {
        const { status, body, headers } = hooks === undefined
          ? floor(req.body, req.headers['x-datamart-signature'])
          : await hooks.handle('datamart', { body: req.body, headers: req.headers, url: req.url, method: req.method })
        return reply.code(status).headers(headers ?? { 'content-type': 'application/json' }).send(body)
      })
    }
    return { app, listen: () => app.listen({ port: 0, host: '127.0.0.1' }).then(() => app.server.address().port) }
  } else if (framework === 'express') {
    const app = express()
    if (kind === 'payhooks' || kind === 'payhooks-sqlite') {
      app.use('/webhooks', expressWebhooks(hooks))
    } else {
      app.post('/webhooks/datamart', express.raw({ type: '*/*' }), async (req, res) => {
        const { status, body, headers } = hooks === undefined
          ? floor(req.body, req.get('x-datamart-signature'))
          : await hooks.handle('datamart', { body: req.body, headers: req.headers, url: req.originalUrl, method: req.method })
        res.status(status).set(headers ?? { 'content-type': 'application/json' }).send(body)
      })
    }
    return { app, listen: () => new Promise((resolve) => { const server = app.listen(0, '127.0.0.1', () => resolve(server.address().port)) }) }
  } else {
    throw new Error(`unknown framework ${framework}`)
  }
}
