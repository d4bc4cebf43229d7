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
  /** The name of a documented sample payload in payhooks/testing. */
  sample: string
  /** Signs with this instead of the real secret: a forgery. */
  forgedWith?: string
}

function samplePayload({ provider, sample }: Step): SamplePayload {
  const build = samples[provider][sample]
  if (build === undefined) throw new Error(`payhooks/testing has no ${provider} sample named ${sample}`)
  return build()
}

const story: Step[] = [
  { story: 'DataMart: order is processing', provider: 'datamart', sample: 'processing' },
  { story: 'DataMart: order completed', provider: 'datamart', sample: 'completed' },
  { story: 'Midtrans: settlement arrives first', provider: 'midtrans', sample: 'completed' },
  { story: 'Midtrans: the late pending', provider: 'midtrans', sample: 'pending' },
  { story: 'ClickPesa: payment received', provider: 'clickpesa', sample: 'completed' },
  { story: 'ClickPesa: same payment redelivered', provider: 'clickpesa', sample: 'completed' },
  { story: 'AzamPay: mobile payment failed', provider: 'azampay', sample: 'failed' },
  { story: 'Refract: "Test Notification" button', provider: 'refract', sample: 'testNotification' },
  { story: 'Refract: successful checkout', provider: 'refract', sample: 'completed' },
  { story: 'Forged "DataMart order failed"', provider: 'datamart', sample: 'failed', forgedWith: 'guessed-secret' },
]

const dir = mkdtempSync(join(tmpdir(), 'payhooks-demo-'))
const secrets = exampleSecrets()
const server = await startServer({ port: 0, dbFile: join(dir, 'payhooks.sqlite'), secrets, print: () => {} })
try {
  console.log(`payhooks demo: Fastify example at ${server.url}, SQLite in ${dir}\n`)
  const rows: string[][] = []
  for (const [i, step] of story.entries()) {
    const signed = await signWebhook(step.provider, samplePayload(step), { secret: step.forgedWith ?? secrets[step.provider] })
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
