import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

export const repoRoot = resolve(import.meta.dirname, '../..')

/** What a consumer project links from this checkout instead of downloading (peers and the tools the tests run). */
const LINKED = ['zod', 'typescript', 'better-sqlite3', 'pg', 'express', 'fastify']
/** Left out of the consumer's @types: payhooks' own types must not need the drivers' (the user may not have them). */
const DRIVER_TYPES = ['better-sqlite3', 'pg']

/**
 * The packed tarball, unpacked into node_modules/payhooks of a fresh project in the temp directory, so
 * that it is imported the way users import it: through package.json `exports`, from dist/. Needs
 * `npm run build` first (npm test builds before vitest). `linked` dependencies and the @types are
 * symlinks into this checkout: runtimes follow them to where their own dependencies are.
 */
export function packedProject(prefix: string, linked: readonly string[] = LINKED): string {
  const project = mkdtempSync(join(tmpdir(), `payhooks-${prefix}-`))
  const packed = execFileSync('npm', ['pack', '--silent', '--pack-destination', project], { cwd: repoRoot, encoding: 'utf8' }).trim().split('\n').pop() as string
  const modules = join(project, 'node_modules')
  mkdirSync(join(modules, 'payhooks'), { recursive: true })
  execFileSync('tar', ['-xzf', join(project, packed), '-C', join(modules, 'payhooks'), '--strip-components=1'])
  for (const dep of linked) symlinkSync(join(repoRoot, 'node_modules', dep), join(modules, dep))
  mkdirSync(join(modules, '@types'))
  for (const types of readdirSync(join(repoRoot, 'node_modules/@types'))) {
    if (!DRIVER_TYPES.includes(types)) symlinkSync(join(repoRoot, 'node_modules/@types', types), join(modules, '@types', types))
  }
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }))
  return project
}
