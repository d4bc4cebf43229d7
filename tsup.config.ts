import { fileURLToPath } from 'node:url'
import type { Plugin } from 'esbuild'
import { defineConfig, type Options } from 'tsup'
import { entryPoints } from './entry-points.js'

/** `payhooks/stores/sqlite` → `stores/sqlite`: output names mirror the public subpaths. */
const entry = Object.fromEntries(
  Object.entries(entryPoints).map(([name, source]) => [name === 'payhooks' ? 'index' : name.slice('payhooks/'.length), source]),
)

const webCrypto = fileURLToPath(new URL('src/core/crypto/web.ts', import.meta.url))
const webSchemaCompiler = fileURLToPath(new URL('src/core/schema-compiler/web.ts', import.meta.url))

/** The web build: every runtime but Node gets WebCrypto in place of node:crypto. Exported for the workerd test bundle. */
export const useWebCrypto: Plugin = {
  name: 'payhooks-web-crypto',
  setup(build) {
    // runtime.ts is the only importer of ./node.js; every other module goes through it.
    build.onResolve({ filter: /^\.\/node(\.js)?$/ }, (args) =>
      args.importer.endsWith('/core/crypto/runtime.ts') ? { path: webCrypto } : undefined,
    )
    // The same swap for the schema compiler seam (src/core/schema-compiler: no zod compiler on the web).
    build.onResolve({ filter: /^\.\/node(\.js)?$/ }, (args) =>
      args.importer.endsWith('/core/schema-compiler/runtime.ts') ? { path: webSchemaCompiler } : undefined,
    )
  },
}

const shared: Options = {
  entry,
  format: ['esm', 'cjs'],
  target: 'es2022',
  splitting: true,
  treeshake: true,
  sourcemap: false,
  // Peer dependencies stay imports; node: built-ins are only reached from the node-only entries.
  external: ['zod', 'better-sqlite3', 'pg', 'express', 'fastify', /^node:/],
  // Keep `node:http`, not `http`: bundlers for Workers and edge runtimes leave `node:` built-ins external
  // (wrangler, with or without nodejs_compat) but fail to resolve a bare `http`.
  removeNodeProtocol: false,
}

export default defineConfig([
  { ...shared, outDir: 'dist/node', platform: 'node' },
  { ...shared, outDir: 'dist/web', platform: 'neutral', esbuildPlugins: [useWebCrypto] },
  { entry, format: ['esm', 'cjs'], outDir: 'dist/types', dts: { only: true } },
  // The `payhooks` executable: one ESM file for Node (package.json "bin"); the drivers stay imports.
  {
    entry: { payhooks: 'src/cli/payhooks.ts' },
    format: ['esm'],
    outDir: 'dist/cli',
    platform: 'node',
    target: 'node20',
    // Chunks, so each store's driver (an optional peer) is loaded only by the command that opens it.
    splitting: true,
    treeshake: true,
    banner: { js: '#!/usr/bin/env node' },
    external: [...(shared.external ?? []), 'jiti'],
  },
])
