// Requests per second through real servers, Fastify and Express, each pair against its fair floor:
// (a) the payhooks plugin/router vs a bare route of the same framework calling hooks.handle (memory
//     store): what the glue costs;
// (b) the plugin/router on the SQLite store vs a hand-written route doing HMAC + JSON.parse + one SQLite
//     transaction (dedupe insert, order upsert, log row);
// (c) the plugin/router on the memory store vs the hand-written floor pipeline that stores nothing.
// Server pinned to core 0, load generator to core 1; rounds alternate so drift hits every kind alike.
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

async function runOnce(kind, framework, seconds) {
  const server = pinned(0, [here('./http-server.mjs'), kind, framework])
  const [firstChunk] = await once(server.stdout, 'data')
  const port = Number(String(firstChunk).trim())
  try {
    const result = JSON.parse(await readAll(pinned(1, [here('./http-load.mjs'), String(port), String(seconds)])))
    if (result.non2xx > 0 || result.errors > 0) throw new Error(`${kind} ${framework}: ${result.non2xx} non-2xx, ${result.errors} errors`)
    return result.rps
  } finally {
    server.kill()
    await once(server, 'exit')
  }
}

export const HTTP_KINDS = ['payhooks', 'bare', 'floor', 'payhooks-sqlite', 'floor-sqlite']

/** Median req/s per framework and kind over `rounds` interleaved rounds. */
export async function benchHttp({ rounds = 3, seconds = 4 } = {}) {
  const rows = []
  for (const framework of ['fastify', 'express']) {
    const samples = Object.fromEntries(HTTP_KINDS.map((kind) => [kind, []]))
    for (let round = 0; round < rounds; round++) {
      for (const kind of HTTP_KINDS) samples[kind].push(await runOnce(kind, framework, seconds))
    }
    const rps = Object.fromEntries(HTTP_KINDS.map((kind) => [kind, median(samples[kind])]))
    rows.push({
      framework,
      rps,
      glue: rps.payhooks / rps.bare,
      sqlite: rps['payhooks-sqlite'] / rps['floor-sqlite'],
      memory: rps.payhooks / rps.floor,
    })
  }
  return rows
}
