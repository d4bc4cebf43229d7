import { fileURLToPath } from 'node:url'
import type { Plugin } from 'esbuild'
import { defineConfig, type Options } from 'tsup'

/** Public entry points; package.json `exports` lists the same names. */
export const entry = {
  index: 'src/index.ts',
  midtrans: 'src/providers/midtrans/index.ts',
  azampay: 'src/providers/azampay/index.ts',
  clickpesa: 'src/providers/clickpesa/index.ts',
  datamart: 'src/providers/datamart/index.ts',
  refract: 'src/providers/refract/index.ts',
  testing: 'src/testing/index.ts',
}

const webCrypto = fileURLToPath(new URL('src/core/crypto/web.ts', import.meta.url))

/** The web build: every runtime but Node gets WebCrypto in place of node:crypto. */
const useWebCrypto: Plugin = {
  name: 'payhooks-web-crypto',
  setup(build) {
    build.onResolve({ filter: /\/crypto\/node(\.js)?$/ }, () => ({ path: webCrypto }))
  },
}

const shared: Options = {
  entry,
  format: ['esm', 'cjs'],
  target: 'es2022',
  splitting: true,
  treeshake: true,
  sourcemap: false,
  external: ['zod', 'better-sqlite3', 'pg', 'express', 'fastify'],
}

export default defineConfig([
  { ...shared, outDir: 'dist/node', platform: 'node', clean: true },
  { ...shared, outDir: 'dist/web', platform: 'neutral', esbuildPlugins: [useWebCrypto] },
  { entry, format: ['esm', 'cjs'], outDir: 'dist/types', dts: { only: true } },
])
