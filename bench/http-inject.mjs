// The HTTP glue's own cost without the network: the payhooks plugin/router vs a bare route of the same
// framework calling hooks.handle (bench/http-apps.mjs), requests injected in process (Fastify's inject,
// light-my-request for Express), a new signed order each, CPU time per request. On a machine whose cores are shared with
// other work, autocannon's req/s swings by 2× between rounds; CPU-bound injection in one process does not.
import { createHmac } from 'node:crypto'
import inject from 'light-my-request'
import { testKits } from '../dist/node/testing.js'
import { buildApp } from './http-apps.mjs'
import { BENCH_SECRET } from './http-secret.mjs'
import { timed } from './http-in-process.mjs'
import { median } from './measure.mjs'

const template = JSON.stringify(testKits.datamart.samples.completed())

function requests(count, prefix) {
  return Array.from({ length: count }, (_, i) => {
    const payload = template.replace('GN-AB12CD34', `GN-${prefix}-${i}`)
    const signature = createHmac('sha256', BENCH_SECRET).update(payload).digest('hex')
    return { method: 'POST', url: '/webhooks/datamart', payload, headers: { 'content-type': 'application/json', 'x-datamart-signature': signature } }
  })
}

async function injector(kind, framework) {
  const { app } = await buildApp(kind, framework)
  if (framework === 'fastify') await app.ready()
  return framework === 'fastify' ? (req) => app.inject(req) : (req) => inject(app, req)
}

/** CPU ns per request (see timed in bench/http-in-process.mjs). */
async function timedRequests(send, batch) {
  return timed(batch, async (req) => {
    const res = await send(req)
    if (res.statusCode !== 200) throw new Error(`answered ${res.statusCode}: ${res.body}`)
  })
}

/** ns per request for the plugin/router and the bare route, per framework; ratio = bare ÷ payhooks (throughput ratio). */
export async function benchGlueInProcess({ rounds = 7, perRound = 3_000 } = {}) {
  const rows = []
  for (const framework of ['fastify', 'express']) {
    const sends = { payhooks: await injector('payhooks', framework), bare: await injector('bare', framework) }
    const samples = { payhooks: [], bare: [] }
    for (const kind of ['payhooks', 'bare']) await timedRequests(sends[kind], requests(perRound, `warm-${kind}`))
    for (let round = 0; round < rounds; round++) {
      for (const kind of ['payhooks', 'bare']) samples[kind].push(await timedRequests(sends[kind], requests(perRound, `${framework}-${kind}-${round}`)))
    }
    const payhooksNs = median(samples.payhooks)
    const bareNs = median(samples.bare)
    rows.push({ framework, payhooksNs, bareNs, ratio: bareNs / payhooksNs })
  }
  return rows
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await benchGlueInProcess())
