// The web build swaps this import for ./web.js (see tsup.config.ts); nothing else picks a runtime.
export { cryptoBuild, cryptoSeam } from './node.js'
