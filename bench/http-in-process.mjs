// hooks.handle on the memory store against the floor handler (bench/http-floor.mjs), in one process, no
// HTTP: what the engine itself adds per new order. Request objects are fresh per call, the way glue
// builds them; bodies are signed before timing starts. Interleaved rounds, medians of CPU time.
import { createHmac } from 'node:crypto'
import { createPayhooks, datamart } from '../dist/node/index.js'
import { testKits } from '../dist/node/testing.js'
import { floorHandle } from './http-floor.mjs'
import { BENCH_SECRET } from './http-secret.mjs'
import { median } from './measure.mjs'

const template = JSON.stringify(testKits.datamart.samples.completed())

function signedOrders(count, prefix) {
  return Array.from({ length: count }, (_, i) => {
    const body = template.replace('GN-AB12CD34', `GN-${prefix}-${i}`)
    return { body, signature: createHmac('sha256', BENCH_SECRET).update(body).digest('hex') }
  })
}

/**
 * CPU nanoseconds (user + system, all of this process's threads: GC helpers included) per call. On a
 * machine whose cores other work shares, wall time counts the time this process waited for a core;
 * CPU time does not.
 */
export async function timed(orders, fn) {
  const start = process.cpuUsage()
  for (const order of orders) await fn(order)
  const used = process.cpuUsage(start)
  return ((used.user + used.system) * 1000) / orders.length
}

export async function benchEngineInProcess({ rounds = 9, perRound = 10_000 } = {}) {
  const hooks = createPayhooks({ providers: [datamart({ webhookSecret: BENCH_SECRET })] })
  const floor = async ({ body, signature }) => {
    const res = floorHandle(Buffer.from(body), signature)
    if (res.status !== 200) throw new Error(`floor answered ${res.status}`)
  }
  const ours = async ({ body, signature }) => {
    const req = { method: 'POST', url: '/webhooks/datamart', headers: { 'content-type': 'application/json', 'x-datamart-signature': signature }, body: Buffer.from(body) }
    const res = await hooks.handle('datamart', req)
    if (res.status !== 200) throw new Error(`hooks.handle answered ${res.status}`)
  }
  await timed(signedOrders(perRound, 'warm-floor'), floor)
  await timed(signedOrders(perRound, 'warm'), ours)
  const samples = { floor: [], ours: [] }
  for (let round = 0; round < rounds; round++) {
    samples.floor.push(await timed(signedOrders(perRound, `f${round}`), floor))
    samples.ours.push(await timed(signedOrders(perRound, `o${round}`), ours))
  }
  await hooks.close()
  const floorNs = median(samples.floor)
  const oursNs = median(samples.ours)
  return { floorNs, oursNs, ratio: oursNs / floorNs }
}

/**
 * Heap bytes the memory store keeps per delivery (one new order each) once its delivery log is at its
 * steady size: what records and claims cost. Needs --expose-gc.
 */
export async function retainedBytesPerDelivery({ fill = 25_000, measured = 20_000 } = {}) {
  const hooks = createPayhooks({ providers: [datamart({ webhookSecret: BENCH_SECRET })] })
  const deliver = async ({ body, signature }) => {
    const res = await hooks.handle('datamart', { method: 'POST', headers: { 'content-type': 'application/json', 'x-datamart-signature': signature }, body })
    if (res.status !== 200) throw new Error(`hooks.handle answered ${res.status}`)
  }
  const heap = () => {
    globalThis.gc()
    globalThis.gc()
    return process.memoryUsage().heapUsed
  }
  await timed(signedOrders(fill, 'fill'), deliver)
  const orders = signedOrders(measured, 'measured')
  const before = heap()
  await timed(orders, deliver)
  const bytes = (heap() - before) / measured
  await hooks.close()
  return bytes
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await benchEngineInProcess(), await retainedBytesPerDelivery())
