// The web build swaps this import for ./web.js (see tsup.config.ts), like the crypto seam.
export { compileValidator } from './node.js'
