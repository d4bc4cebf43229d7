/**
 * Every public entry point and its source. tsup builds these, vitest and tsx resolve `payhooks/...`
 * imports in examples and tests to them, and package.json `exports` lists the same names
 * (test/package/exports.test.ts keeps the three in step).
 */
export const entryPoints = {
  payhooks: './src/index.ts',
  'payhooks/midtrans': './src/providers/midtrans/index.ts',
  'payhooks/azampay': './src/providers/azampay/index.ts',
  'payhooks/clickpesa': './src/providers/clickpesa/index.ts',
  'payhooks/datamart': './src/providers/datamart/index.ts',
  'payhooks/refract': './src/providers/refract/index.ts',
  'payhooks/testing': './src/testing/index.ts',
  'payhooks/stores/sqlite': './src/stores/sqlite/index.ts',
  'payhooks/stores/postgres': './src/stores/postgres/index.ts',
  'payhooks/node': './src/http/node/index.ts',
  'payhooks/express': './src/http/express/index.ts',
  'payhooks/fastify': './src/http/fastify/index.ts',
  'payhooks/console': './src/console/index.ts',
} as const
