import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ProviderName, Transition } from 'payhooks'
import { fakeStatusApis, samples, serveFetchHandler, signWebhook, type SamplePayload, type ServedHandler } from 'payhooks/testing'
import { startServer } from '../../examples/express/server.js'
import type { RunningExample } from '../../examples/shared/create-example-hooks.js'
import { CONSOLE_TOKEN, HOSTILE_PRODUCT, NEVER_SHOWN, PROXY_PASSWORD, SECRETS, hostileRefract, switchableNotifier } from './fixtures/console-harness.js'

// The console in a real browser (Debian's Chromium, driven by playwright-core), on the Express example,
// with webhooks posted by another process the way a provider posts them.

const run = promisify(execFile)
const ARTIFACTS = new URL('../../test-artifacts/console/', import.meta.url).pathname
const DOCS_SCREENSHOT = process.env.PAYHOOKS_CONSOLE_SCREENSHOT
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
const unique = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`.toUpperCase()

let dir: string
let server: RunningExample
let fakeServer: ServedHandler
let context: BrowserContext
let page: Page
const midtransFake = fakeStatusApis.midtrans({ serverKey: SECRETS.midtrans })
const failing = new Set<string>()
const sent: Transition[] = []
const consoleErrors: string[] = []
const bodies: string[] = []

async function postFromAnotherProcess(provider: ProviderName, payload: SamplePayload, secret: string = SECRETS[provider]): Promise<number> {
  const signed = await signWebhook(provider, payload, { secret })
  const { stdout } = await run(process.execPath, [new URL('./fixtures/post-webhook.mjs', import.meta.url).pathname, server.url, JSON.stringify(signed)])
  return Number(stdout)
}

const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true })
const feedRow = (reference: string) => page.locator(`#feed tbody tr[data-reference="${reference}"]`).first()

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true })
  dir = mkdtempSync(join(tmpdir(), 'payhooks-console-browser-'))
  fakeServer = await serveFetchHandler((request) => midtransFake.fetch(request))
  server = await startServer({
    port: 0,
    dbFile: join(dir, 'payhooks.sqlite'),
    secrets: SECRETS,
    statusApis: { midtrans: { baseUrl: fakeServer.url } },
    print: () => {},
    consoleToken: CONSOLE_TOKEN,
    notifiers: [switchableNotifier(failing, sent)],
    retry: { maxAttempts: 1 },
  })
  context = await chromium.launchPersistentContext(join(dir, 'chromium-profile'), {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
  })
  page = context.pages()[0] ?? (await context.newPage())
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') consoleErrors.push(`${message.type()}: ${message.text()}`)
  })
  page.on('pageerror', (error) => consoleErrors.push(`pageerror: ${error.message}`))
  page.on('dialog', (dialog) => {
    consoleErrors.push(`dialog: ${dialog.message()}`)
    void dialog.dismiss()
  })
  page.on('response', async (response) => {
    if (response.headers()['content-type']?.startsWith('text/event-stream')) return
    bodies.push(JSON.stringify(response.headers()), await response.text().catch(() => ''))
  })
  // Not a page script: injected by the driver, so it sees violations of the page's own CSP.
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const seen = ((window as unknown as { __csp?: string[] }).__csp ??= [])
      seen.push(`${event.violatedDirective} ${event.blockedURI}`)
    })
  })
}, 30_000)

afterAll(async () => {
  await context?.close()
  await server?.close()
  await fakeServer?.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('the console in Chromium', () => {
  it('signs in, shows live deliveries, reconciles, retries, keeps provider values as text and shows no secret', async () => {
    // A record stuck at pending whose payment Midtrans' status API knows as settled.
    const stuck = `STUCK-${unique}`
    const settled = samples.midtrans.completed({ order_id: stuck }) as Record<string, unknown>
    await server.hooks.expect({ provider: 'midtrans', reference: stuck, amount: { value: String(settled.gross_amount), currency: 'IDR' } })
    midtransFake.setTransaction(settled as Parameters<typeof midtransFake.setTransaction>[0])

    await page.goto(`${server.url}/payhooks`)
    await shot('01-sign-in')
    await page.fill('input[name=token]', CONSOLE_TOKEN)
    await Promise.all([page.waitForURL(`${server.url}/payhooks`), page.click('button[type=submit]')])
    expect(page.url()).not.toContain(CONSOLE_TOKEN)
    await page.locator('#connection.live').waitFor({ timeout: 5000 })
    await page.locator('#health .card').first().waitFor()
    await expect(page.locator('#feed-section .note').textContent()).resolves.toContain("This instance's deliveries")
    await shot('02-signed-in')

    // A webhook from another process appears without a reload within 2 s.
    const paid = `GN-${unique}`
    expect(await postFromAnotherProcess('datamart', samples.datamart.completed({ data: { ...(samples.datamart.completed().data as object), orderReference: paid } }))).toBe(200)
    await feedRow(paid).waitFor({ timeout: 2000 })
    await expect(feedRow(paid).getAttribute('data-outcome')).resolves.toBe('applied')
    await shot('03-live-delivery')

    // A forged one appears rejected: red, with its code.
    const forged = `FORGED-${unique}`
    expect(await postFromAnotherProcess('midtrans', samples.midtrans.completed({ order_id: forged }), 'SB-Mid-server-guessed')).toBe(401)
    await feedRow(forged).waitFor({ timeout: 2000 })
    await expect(feedRow(forged).locator('td.outcome').textContent()).resolves.toContain('rejected SIGNATURE_MISMATCH')
    await expect(feedRow(forged).locator('td.outcome').evaluate((cell) => getComputedStyle(cell).color)).resolves.toBe('rgb(198, 40, 40)')
    // Refract's "Test Notification" button: acknowledged, grey.
    expect(await postFromAnotherProcess('refract', samples.refract.testNotification())).toBe(204)
    const testRow = page.locator('#feed tbody tr[data-outcome=test]').first()
    await testRow.waitFor({ timeout: 2000 })
    await expect(testRow.locator('td.outcome').evaluate((cell) => getComputedStyle(cell).color)).resolves.toBe('rgb(138, 138, 133)')
    await shot('04-forged-rejected')

    // A hostile product name stays text: no element is made of it, no script runs.
    const hostile = `BBY01-${unique}`
    expect(await postFromAnotherProcess('refract', hostileRefract(hostile))).toBe(204)
    await feedRow(hostile).waitFor({ timeout: 2000 })
    await expect(feedRow(hostile).locator('td.details').textContent()).resolves.toContain(`product: ${HOSTILE_PRODUCT}`)
    expect(await page.locator('img').count()).toBe(0)
    await shot('05-hostile-product-as-text')

    // The delivery detail is the redacted log: the proxy password of the Refract sample is not in it.
    await feedRow(hostile).click()
    await page.locator('#detail-body').waitFor()
    const detail = (await page.locator('#detail-body').textContent()) ?? ''
    expect(detail).toContain(HOSTILE_PRODUCT)
    expect(detail).not.toContain(PROXY_PASSWORD)
    await shot('06-delivery-detail')

    // The stuck record: "Reconcile now" asks the fake Midtrans status API and the record completes.
    await page.fill('#stuck-form input[name=minutes]', '0')
    await page.click('#stuck-form button[type=submit]')
    const stuckRow = page.locator(`#stuck div[data-provider=midtrans] tr[data-reference="${stuck}"]`)
    await stuckRow.waitFor()
    await expect(page.locator('#stuck div[data-provider=refract] .unsupported').textContent()).resolves.toContain('No status API')
    expect(await page.locator('#stuck div[data-provider=refract] button').count()).toBe(0)
    await stuckRow.locator('button.reconcile').click()
    await stuckRow.waitFor({ state: 'detached' })
    await page.fill('#search input[name=reference]', stuck)
    await page.click('#search button[type=submit]')
    await expect(page.locator(`#search-results tr[data-reference="${stuck}"]`).getAttribute('data-status')).resolves.toBe('completed')
    await shot('07-reconciled')

    // A dead letter: the CRM notifier failed its only attempt; Retry sends it once the CRM is back.
    const dead = `GN-DEAD-${unique}`
    failing.add(dead)
    await postFromAnotherProcess('datamart', samples.datamart.completed({ data: { ...(samples.datamart.completed().data as object), orderReference: dead } }))
    const deadRow = page.locator(`#outbox tr[data-state=dead][data-reference="${dead}"]`)
    await deadRow.waitFor({ timeout: 5000 })
    await expect(deadRow.locator('.error-text').textContent()).resolves.toContain('crm answered 502')
    await shot('08-dead-letter')
    failing.delete(dead)
    await deadRow.locator('button.retry').click()
    await deadRow.waitFor({ state: 'detached', timeout: 5000 })
    expect(sent.map((t) => t.record.reference)).toContain(dead)
    await page.locator('input[name=span][value=hour]').check()
    await shot('09-retried')
    // `PAYHOOKS_CONSOLE_SCREENSHOT=docs/console.png npx vitest run test/console/browser.test.ts` refreshes the README's picture.
    if (DOCS_SCREENSHOT !== undefined) {
      await page.evaluate(() => window.scrollTo(0, 0))
      await page.screenshot({ path: DOCS_SCREENSHOT, fullPage: false })
    }

    expect(await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? [])).toEqual([])
    expect(consoleErrors).toEqual([])
    const everything = bodies.join('\n') + (await page.content())
    for (const secret of NEVER_SHOWN) expect(everything).not.toContain(secret)
  }, 30_000)
})
