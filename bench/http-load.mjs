// The load generator of the HTTP benchmark, in its own process: `node http-load.mjs <port> <seconds>`.
// Every request is a new Datamart order (distinct reference, signed here), so the engine applies a
// transition per request instead of answering duplicates. Prints autocannon's result as JSON.
import { createHmac } from 'node:crypto'
import autocannon from 'autocannon'
import { testKits } from '../dist/node/testing.js'
import { BENCH_SECRET } from './http-secret.mjs'

const [port, seconds] = process.argv.slice(2).map(Number)
const template = JSON.stringify(testKits.datamart.samples.completed())
let counter = 0
const result = await autocannon({
  url: `http://127.0.0.1:${port}/webhooks/datamart`,
  connections: 32,
  duration: seconds,
  requests: [
    {
      method: 'POST',
      setupRequest(req) {
        counter += 1
        const body = template.replace('GN-AB12CD34', `GN-${process.pid}-${counter}`)
        const signature = createHmac('sha256', BENCH_SECRET).update(body).digest('hex')
        return { ...req, body, headers: { 'content-type': 'application/json', 'x-datamart-signature': signature } }
      },
    },
  ],
})
process.stdout.write(JSON.stringify({ rps: result.requests.average, non2xx: result.non2xx, errors: result.errors, total: result.requests.total }))
