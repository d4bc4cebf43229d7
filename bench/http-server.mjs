// One server of the HTTP benchmark, started in its own process: `node http-server.mjs <kind> <framework>`
// (kinds: bench/http-apps.mjs). Prints its port.
import { buildApp } from './http-apps.mjs'

const [kind, framework] = process.argv.slice(2)
const { listen } = await buildApp(kind, framework)
// Exit cleanly on a signal, so that --cpu-prof can write its profile when investigating.
process.on('SIGINT', () => process.exit(0))
process.on('SIGTERM', () => process.exit(0))
process.stdout.write(`${await listen()}\n`)
