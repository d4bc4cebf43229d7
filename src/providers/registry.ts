// The one place that lists every provider adapter. Adding a provider: a folder under providers/
// (see providers/README.md), one line here, one in test-kits.ts, and an entry in package.json/tsup.
export { azampay } from './azampay/adapter.js'
export { clickpesa } from './clickpesa/adapter.js'
export { datamart } from './datamart/adapter.js'
export { midtrans } from './midtrans/adapter.js'
export { refract } from './refract/adapter.js'
