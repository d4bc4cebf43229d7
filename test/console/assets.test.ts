import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { consoleAssets } from '../../src/console/assets.generated.js'

const root = new URL('../../', import.meta.url)
const read = (path: string) => readFileSync(new URL(path, root), 'utf8')

describe('the console page, script and stylesheet', () => {
  it('are embedded as they are in src/console/assets (the generated file is up to date)', () => {
    expect(() => execFileSync(process.execPath, ['scripts/console-assets.mjs', '--check'], { cwd: root, stdio: 'pipe' })).not.toThrow()
    for (const name of Object.keys(consoleAssets)) expect(consoleAssets[name as keyof typeof consoleAssets]).toBe(read(`src/console/assets/${name}`))
  })

  it('weigh at most 50 kB gzipped in all', () => {
    const gzipped = Object.values(consoleAssets).reduce((sum, text) => sum + gzipSync(text, { level: 9 }).byteLength, 0)
    expect(gzipped).toBeLessThanOrEqual(50 * 1024)
  })

  it('have no inline script or style and load nothing from another origin', () => {
    for (const name of ['console.html', 'signin.html'] as const) {
      const html = consoleAssets[name]
      // Every <script> has a src under the console's own base path; no style attributes or <style> blocks.
      for (const tag of html.match(/<script\b[^>]*>/g) ?? []) expect(tag).toMatch(/src="\{\{base\}\}\/assets\//)
      expect(html).not.toMatch(/<style\b|\sstyle=|\son[a-z]+=/i)
      expect(html).not.toMatch(/(src|href)="(https?:)?\/\//i)
    }
    expect(consoleAssets['console.css']).not.toMatch(/@import|url\(\s*['"]?(https?:)?\/\//i)
  })

  it('build the page from text nodes: the script never parses data as HTML', () => {
    const script = consoleAssets['console.js']
    expect(script).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/)
  })

  it('are served by a module free of node: imports (the console runs wherever fetch does)', () => {
    for (const file of readdirSync(new URL('src/console/', root)).filter((f) => f.endsWith('.ts'))) {
      expect(read(`src/console/${file}`), file).not.toMatch(/from ['"]node:|import\(['"]node:/)
    }
  })
})
