// `npm run demo`: the Fastify example on a fresh SQLite file, driven over HTTP by a scripted day of
// webhooks, then what payhooks made of it — read back from its delivery log and records.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ProviderName } from 'payhooks'
import { fakeStatusApis, samples, serveFetchHandler, signWebhook, type SamplePayload } from 'payhooks/testing'
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
  { story: 'AzamPay: the retry is paid (money wins)', provider: 'azampay', payload: () => samples.azampay.completed() },
  { story: 'Refract: "Test Notification" button', provider: 'refract', payload: () => samples.refract.testNotification() },
  { story: 'Refract: successful checkout', provider: 'refract', payload: () => samples.refract.completed() },
  { story: 'Forged "DataMart order failed"', provider: 'datamart', payload: () => samples.datamart.failed(), forgedWith: 'guessed-secret' },
]

const dir = mkdtempSync(join(tmpdir(), 'payhooks-demo-'))
const secrets = exampleSecrets()
// Midtrans' status API, faked on 127.0.0.1: the truth the reconciler asks for when a webhook is lost.
const midtransApi = fakeStatusApis.midtrans({ serverKey: secrets.midtrans })
const midtransApiServer = await serveFetchHandler((request) => midtransApi.fetch(request))
const server = await startServer({
  port: 0,
  dbFile: join(dir, 'payhooks.sqlite'),
  secrets,
  statusApis: { midtrans: { baseUrl: midtransApiServer.url } },
  print: () => {},
})
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

  // A lost webhook: the customer paid, Midtrans' settlement notification never arrived.
  const lost = 'ORDER-2026-0301-LOST'
  const pending = await signWebhook('midtrans', samples.midtrans.pending({ order_id: lost }), { secret: secrets.midtrans })
  await fetch(`${server.url}${pending.url}`, { method: 'POST', body: pending.body, headers: pending.headers })
  midtransApi.setTransaction(samples.midtrans.completed({ order_id: lost }) as Parameters<typeof midtransApi.setTransaction>[0])
  console.log(`\nLost webhook: ${lost} paid at Midtrans, its settlement notification never came; the record says ${(await server.hooks.record('midtrans', lost))?.status}`)
  const report = await server.hooks.reconcile({ olderThan: 0, providers: ['midtrans'] })
  await server.hooks.idle()
  console.log(
    `hooks.reconcile(): checked ${report.checked}, applied ${report.applied}, unchanged ${report.unchanged}, failed ${report.failed}` +
      ` (${midtransApi.requests.length} call to GET /v2/{order_id}/status) → ${(await server.hooks.record('midtrans', lost))?.status}`,
  )
  // The settlement webhook turns up after all: the same event as the poll, so a duplicate and no second SMS.
  const late = await signWebhook('midtrans', samples.midtrans.completed({ order_id: lost }), { secret: secrets.midtrans })
  await fetch(`${server.url}${late.url}`, { method: 'POST', body: late.body, headers: late.headers })
  await server.hooks.idle()
  const [lateDelivery] = await server.hooks.deliveries({ reference: lost, limit: 1 })
  console.log(`the late settlement webhook: ${lateDelivery?.outcome}`)

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
  await midtransApiServer.close()
  rmSync(dir, { recursive: true, force: true })
}
