// One cold process that only loads what every provider loads from outside payhooks: zod/mini (the
// schemas' runtime) and node:crypto. Separates zod's share of the provider's cold start from payhooks' own.
import 'node:crypto'
import 'zod/mini'

const { user, system } = process.cpuUsage()
process.stdout.write(JSON.stringify({ result: 'order.completed', ms: performance.now(), cpuMs: (user + system) / 1000 }))
