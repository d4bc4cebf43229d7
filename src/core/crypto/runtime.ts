// The web build swaps this import for ./web.js (see tsup.config.ts); nothing else picks a runtime.
export { cryptoSeam } from './node.js'
