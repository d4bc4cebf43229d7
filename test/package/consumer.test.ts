import { execFileSync } from 'node:child_process'
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
const hooks = createPayhooks({ providers: [datamart({ webhookSecret: 's3cret' })] })
const signed = await signWebhook('datamart', samples.datamart.completed(), { secret: 's3cret' })
const res = await hooks.handle('datamart', { ...signed, method: 'POST' })
console.log(JSON.stringify({ status: res.status, contracts: [typeof runAdapterContract, typeof runStoreContract], modules: [${subpaths.map((_, i) => `Object.keys(m${i}).length`).join(', ')}] }))`,
    )
    const out = JSON.parse(run('esm.mjs')) as { status: number; contracts: string[]; modules: number[] }
    expect(out.status).toBe(200)
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
  })

  it('type-checks a TypeScript consumer under node16 resolution, ESM and CJS', () => {
    writeFileSync(
      join(project, 'consumer.mts'),
      `import { createPayhooks, datamart, type WebhookEvent } from 'payhooks'
import { midtrans } from 'payhooks/midtrans'
const hooks = createPayhooks({ providers: [datamart({ webhookSecret: 'x' }), midtrans({ serverKey: 'y' })] })
export const handle: (provider: string, req: { body: string; headers: Record<string, string> }) => Promise<{ status: number }> = hooks.handle
export function onEvent(event: WebhookEvent): 'completed' | undefined {
  if (event.type === 'payment.completed') return event.status
  return undefined
}`,
    )
    writeFileSync(join(project, 'consumer.cts'), `import payhooks = require('payhooks')\nexport const factory: typeof payhooks.datamart = payhooks.datamart\n`)
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { module: 'node16', moduleResolution: 'node16', strict: true, noEmit: true, skipLibCheck: false, types: [], lib: ['ES2022', 'DOM'] }, files: ['consumer.mts', 'consumer.cts'] }),
    )
    const tsc = join(root, 'node_modules/typescript/bin/tsc')
    expect(() => execFileSync(process.execPath, [tsc, '-p', project], { encoding: 'utf8' })).not.toThrow()
  })
})
