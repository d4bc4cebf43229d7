// Requests per second through a real server: the payhooks plugin/router with the whole engine on the
// memory store vs the hand-written floor route, for Fastify and Express. Server pinned to core 0, load
// generator to core 1; rounds alternate so drift hits both alike.
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { median } from './measure.mjs'

const here = (file) => new URL(file, import.meta.url).pathname

function pinned(core, args) {
  return spawn('taskset', ['-c', String(core), process.execPath, ...args], { stdio: ['ignore', 'pipe', 'inherit'] })
}

async function readAll(child) {
  let out = ''
  child.stdout.on('data', (chunk) => (out += chunk))
  await once(child, 'exit')
  return out
}

async function runOnce(kind, seconds) {
  const server = pinned(0, [here('./http-server.mjs'), kind])
  const [firstChunk] = await once(server.stdout, 'data')
  const port = Number(String(firstChunk).trim())
  try {
    const result = JSON.parse(await readAll(pinned(1, [here('./http-load.mjs'), String(port), String(seconds)])))
    if (result.non2xx > 0 || result.errors > 0) throw new Error(`${kind}: ${result.non2xx} non-2xx, ${result.errors} errors`)
    return result.rps
  } finally {
    server.kill()
  }
}

export async function benchHttp({ rounds = 3, seconds = 5 } = {}) {
  const rows = []
  for (const framework of ['fastify', 'express']) {
    const floor = []
    const payhooks = []
    for (let round = 0; round < rounds; round++) {
      floor.push(await runOnce(`floor-${framework}`, seconds))
      payhooks.push(await runOnce(`payhooks-${framework}`, seconds))
    }
    rows.push({ framework, floorRps: median(floor), payhooksRps: median(payhooks), ratio: median(payhooks) / median(floor) })
  }
  return rows
}
