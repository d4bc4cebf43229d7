import { execFile, execFileSync } from 'node:child_process'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { entryPoints } from '../../entry-points.js'
import { packedProject, repoRoot } from './packed-project.js'

// The packed tarball, unpacked into a separate project, imported the way users import it.
const root = repoRoot
let project: string

function run(file: string, args: string[] = []): string {
  return execFileSync(process.execPath, [...args, file], { cwd: project, encoding: 'utf8' })
}

beforeAll(() => {
  project = packedProject('consumer')
}, 120_000)

const subpaths = Object.keys(entryPoints)

// CommonJS under node16/nodenext: `require` of every typed entry, options set to an explicit undefined.
const CJS_CONSUMER = `import payhooks = require('payhooks')
import sqlite = require('payhooks/stores/sqlite')
export const factory: typeof payhooks.datamart = payhooks.datamart
export const hooks = payhooks.createPayhooks({ providers: [payhooks.datamart({ webhookSecret: 'x' })], store: undefined, retry: { timeoutMs: undefined } })
export const store = (database: sqlite.SqliteDatabase) => sqlite.sqliteStore({ database, busyTimeoutMs: undefined })
`

describe('the packed package', () => {
  it('ships only dist, README and LICENSE', () => {
    const files = readdirSync(join(project, 'node_modules', 'payhooks')).sort()
    expect(files).toEqual(['LICENSE', 'README.md', 'dist', 'package.json'])
  })

  it('imports every entry point as ESM and verifies a signed webhook', () => {
    const imports = subpaths.map((name, i) => `import * as m${i} from '${name}'`).join('\n')
    writeFileSync(
      join(project, 'esm.mjs'),
      `${imports}
import { datamart, createPayhooks } from 'payhooks'
import { signWebhook, samples, runAdapterContract, runStoreContract } from 'payhooks/testing'
// Every engine option an explicit undefined (what exactOptionalPropertyTypes now allows): each takes its default.
const hooks = createPayhooks({ providers: [datamart({ webhookSecret: 's3cret', statusApi: undefined })], store: undefined, notifiers: undefined, logger: undefined, maxBodyBytes: undefined, onUnknownReference: undefined, retry: { maxAttempts: undefined, baseDelayMs: undefined, maxDelayMs: undefined, timeoutMs: undefined }, reconcileBackoff: { baseDelayMs: undefined, maxDelayMs: undefined } })
const signed = await signWebhook('datamart', samples.datamart.completed(), { secret: 's3cret' })
const res = await hooks.handle('datamart', { ...signed, method: 'POST' })
const [record] = await hooks.records({ provider: undefined, limit: undefined })
console.log(JSON.stringify({ status: res.status, recorded: record?.status, contracts: [typeof runAdapterContract, typeof runStoreContract], modules: [${subpaths.map((_, i) => `Object.keys(m${i}).length`).join(', ')}] }))`,
    )
    const out = JSON.parse(run('esm.mjs')) as { status: number; recorded: string; contracts: string[]; modules: number[] }
    expect(out.status).toBe(200)
    expect(out.recorded).toBe('completed')
    expect(out.contracts).toEqual(['function', 'function'])
    expect(out.modules.every((n) => n > 0)).toBe(true)
  })

  it('requires every entry point as CommonJS, with one WebhookError class across entries', () => {
    writeFileSync(
      join(project, 'cjs.cjs'),
      `const root = require('payhooks')
const { midtrans } = require('payhooks/midtrans')
${subpaths.map((name) => `require('${name}')`).join('\n')}
let error
try { midtrans({ serverKey: '' }) } catch (e) { error = e }
console.log(JSON.stringify({ code: error.code, sameClass: error instanceof root.WebhookError, factories: typeof root.refract }))`,
    )
    expect(JSON.parse(run('cjs.cjs'))).toEqual({ code: 'SECRET_INVALID', sameClass: true, factories: 'function' })
  })

  it('picks node:crypto under Node and WebCrypto for other runtimes', () => {
    writeFileSync(
      join(project, 'conditions.mjs'),
      `import { createRequire } from 'node:module'
const require = createRequire(import.meta.url)
console.log(JSON.stringify({ node: import.meta.resolve('payhooks/datamart'), cjs: require.resolve('payhooks/datamart') }))`,
    )
    const resolved = JSON.parse(run('conditions.mjs')) as { node: string; cjs: string }
    expect(resolved.node).toMatch(/dist\/node\/datamart\.js$/)
    expect(resolved.cjs).toMatch(/dist\/node\/datamart\.cjs$/)
    const webDir = join(project, 'node_modules/payhooks/dist/web')
    const webCode = readdirSync(webDir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(join(webDir, f), 'utf8'))
      .join('\n')
    expect(webCode).toContain('crypto.subtle')
    expect(webCode).not.toMatch(/from ['"](node:)?crypto['"]|require\(['"](node:)?crypto['"]\)|createHmac/)
    // The one `node:` import of the web build: serveFetchHandler's, loaded only when it is called.
    expect(webCode.match(/(?:from |import\(|require\()['"]node:[^'"]+['"]/g)).toEqual([`import('node:http'`])
  })

  it('type-checks a strict TypeScript consumer under node16 (ESM and CJS), nodenext and bundler, without @types for the drivers', async () => {
    const consumer = readFileSync(new URL('fixtures/consumer.ts.txt', import.meta.url), 'utf8')
    writeFileSync(join(project, 'consumer.mts'), consumer)
    writeFileSync(join(project, 'consumer.ts'), consumer)
    writeFileSync(join(project, 'node-glue.mts'), readFileSync(new URL('fixtures/node-glue.ts.txt', import.meta.url), 'utf8'))
    writeFileSync(join(project, 'consumer.cts'), CJS_CONSUMER)
    const strict = { strict: true, exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true, skipLibCheck: false, noEmit: true }
    // Every entry under node16 as a Node project has it: @types/node and no DOM lib. The others without
    // any @types and with the DOM lib, as a Worker or browser project: the core entries need no @types.
    const configs = {
      node16: { module: 'node16', moduleResolution: 'node16', lib: ['ES2022'], types: ['node'], files: ['consumer.mts', 'node-glue.mts', 'consumer.cts'] },
      nodenext: { module: 'nodenext', moduleResolution: 'nodenext', lib: ['ES2022', 'DOM'], types: [], files: ['consumer.mts', 'consumer.cts'] },
      bundler: { module: 'esnext', moduleResolution: 'bundler', lib: ['ES2022', 'DOM'], types: [], files: ['consumer.ts'] },
    }
    const tsc = join(root, 'node_modules/typescript/bin/tsc')
    const results = await Promise.all(
      Object.entries(configs).map(([name, { files, ...compilerOptions }]) => {
        const config = join(project, `tsconfig.${name}.json`)
        writeFileSync(config, JSON.stringify({ compilerOptions: { ...strict, ...compilerOptions }, files }))
        return new Promise<string>((resolve) =>
          execFile(process.execPath, [tsc, '-p', config, '--listFiles'], { encoding: 'utf8' }, (error, stdout) => {
            const typesPackages = stdout.split('\n').filter((file) => file.includes('/node_modules/@types/'))
            if (error) resolve(`${name}: ${stdout.split('\n').filter((line) => line.includes('error')).join('\n')}`)
            else if (compilerOptions.types.length === 0 && typesPackages.length > 0) resolve(`${name} needed ${typesPackages.join(', ')}`)
            else resolve('')
          }),
        )
      }),
    )
    expect(results.filter(Boolean)).toEqual([])
    // Three full checks with skipLibCheck off: ~25 s of CPU, longer on a busy machine.
  }, 150_000)

  it('takes zod as a peer: one copy for the app and the adapters, as the README installs it', () => {
    const manifest = JSON.parse(readFileSync(join(project, 'node_modules/payhooks/package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>
    expect(manifest.dependencies?.zod).toBeUndefined()
    expect(manifest.peerDependencies?.zod).toBe(manifest.devDependencies?.zod)
    expect(manifest.peerDependenciesMeta?.zod).toBeUndefined()
    expect(readFileSync(join(root, 'README.md'), 'utf8')).toContain('npm install payhooks zod')
  })
})
