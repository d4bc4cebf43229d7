// `npm run demo`: the Fastify example on a fresh SQLite file, driven over HTTP by a scripted day of
// webhooks, then what payhooks made of it — read back from its delivery log and records.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ProviderName } from 'payhooks'
import { samples, signWebhook, type SamplePayload } from 'payhooks/testing'
import { startServer } from './fastify/server.js'
import { exampleSecrets } from './shared/example-secrets.js'
import { formatTable } from './shared/format-table.js'

interface Step {
  story: string
  provider: ProviderName
  /** A documented sample payload from payhooks/testing. */
  payload: () => SamplePayload
  /** Signs with this instead of the real secret: a forgery. */
  forgedWith?: string
}

const story: Step[] = [
  { story: 'DataMart: order is processing', provider: 'datamart', payload: () => samples.datamart.processing() },
  { story: 'DataMart: order completed', provider: 'datamart', payload: () => samples.datamart.completed() },
  { story: 'Midtrans: settlement arrives first', provider: 'midtrans', payload: () => samples.midtrans.completed() },
  { story: 'Midtrans: the late pending', provider: 'midtrans', payload: () => samples.midtrans.pending() },
  { story: 'ClickPesa: payment received', provider: 'clickpesa', payload: () => samples.clickpesa.completed() },
  { story: 'ClickPesa: same payment redelivered', provider: 'clickpesa', payload: () => samples.clickpesa.completed() },
  { story: 'AzamPay: mobile payment failed', provider: 'azampay', payload: () => samples.azampay.failed() },
  { story: 'Refract: "Test Notification" button', provider: 'refract', payload: () => samples.refract.testNotification() },
  { story: 'Refract: successful checkout', provider: 'refract', payload: () => samples.refract.completed() },
  { story: 'Forged "DataMart order failed"', provider: 'datamart', payload: () => samples.datamart.failed(), forgedWith: 'guessed-secret' },
]

const dir = mkdtempSync(join(tmpdir(), 'payhooks-demo-'))
const secrets = exampleSecrets()
const server = await startServer({ port: 0, dbFile: join(dir, 'payhooks.sqlite'), secrets, print: () => {} })
try {
  console.log(`payhooks demo: Fastify example at ${server.url}, SQLite in ${dir}\n`)
  const rows: string[][] = []
  for (const [i, step] of story.entries()) {
    const signed = await signWebhook(step.provider, step.payload(), { secret: step.forgedWith ?? secrets[step.provider] })
    const response = await fetch(`${server.url}${signed.url}`, { method: 'POST', body: signed.body, headers: signed.headers })
    await server.hooks.idle()
    // What payhooks logged for this request: the newest entry of its delivery log.
    const [delivery] = await server.hooks.deliveries({ limit: 1 })
    rows.push([String(i + 1), step.story, String(response.status), delivery?.outcome ?? '?', delivery?.status ?? '', delivery?.reference ?? '', delivery?.errorCode ?? ''])
  }
  console.log('Deliveries')
  console.log(formatTable(['#', 'what happened', 'HTTP', 'outcome', 'event status', 'reference', 'error'], rows))

  console.log('\nSMS sent')
  for (const line of server.notifications) console.log(`  ${line}`)

  const records = await server.hooks.records()
  console.log('\nFinal status')
  console.log(
    formatTable(
      ['provider', 'reference', 'status', 'provider status'],
      records.map((r) => [r.provider, r.reference, r.status, r.providerStatus ?? '']).sort((a, b) => a.join().localeCompare(b.join())),
    ),
  )
} finally {
  await server.close()
  rmSync(dir, { recursive: true, force: true })
}
