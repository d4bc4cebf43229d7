// One of the two processes of the PostgreSQL benchmark: prints { applied, seconds } as JSON.
import { postgresStore } from '../dist/node/stores/postgres.js'
import { applyEvents } from './apply-events.mjs'
import { orderEvents } from './events.mjs'

const [orders, prefix, connectionString] = process.argv.slice(2)
const store = postgresStore({ connectionString, max: 16 })
await store.migrate()
const events = await orderEvents(Number(orders), prefix)
const result = await applyEvents(store, events, 32)
await store.close()
process.stdout.write(JSON.stringify(result))
