import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'
import { entryPoints } from './entry-points.js'

// Examples and tests import `payhooks/...` the way users do; here those names point at the sources.
const alias = Object.entries(entryPoints)
  .sort(([a], [b]) => b.length - a.length)
  .map(([name, file]) => ({ find: new RegExp(`^${name}$`), replacement: fileURLToPath(new URL(file, import.meta.url)) }))

export default defineConfig({
  resolve: { alias },
  test: {
    include: ['test/**/*.test.ts'],
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'] },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})
