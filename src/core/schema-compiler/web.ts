import type { CompileValidator } from './types.js'

/**
 * No compiled validators in the web build: zod's compiler generates code with `new Function`, which
 * Workers refuse, and it would add ~9.6 kB gzip to every bundle (BENCHMARKS.md, bundle sizes). Payloads
 * are validated by zod's runtime parser.
 */
export const compileValidator: CompileValidator = () => undefined
