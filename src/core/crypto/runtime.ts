// The web build swaps this import for ./web.js (see tsup.config.ts); nothing else picks a runtime.
export { nodeCrypto as cryptoSeam } from './node.js'
