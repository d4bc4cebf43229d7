// `npm run demo`: the Fastify example on a fresh SQLite file, driven over HTTP by a scripted day of
// webhooks, then what payhooks made of it — read back from its delivery log and records — and what the
// operator's tools do with it: the operator console's Replay and Retry, and the payhooks command line.
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { callbackNotifier, type ProviderName, type Store } from 'payhooks'
import { sqliteStore } from 'payhooks/stores/sqlite'
import { fakeStatusApis, samples, serveFetchHandler, signWebhook, type SamplePayload } from 'payhooks/testing'
import { startServer } from './fastify/server.js'
import { DEMO_CONSOLE_TOKEN } from './shared/example-console.js'
import { signInToConsole } from './shared/console-client.js'
import { exampleSecrets, SECRET_SOURCES } from './shared/example-secrets.js'
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
const dbFile = join(dir, 'payhooks.sqlite')
const secrets = exampleSecrets()

// A staged database outage: while `outage.on`, applying an event fails the way a lost connection does.
const outage = { on: false }
const sqlite = sqliteStore({ filename: dbFile })
const store: Store = { ...sqlite, apply: (...args) => (outage.on ? Promise.reject(new Error('SQLITE_IOERR: disk I/O error')) : sqlite.apply(...args)) }
// A CRM that is down for a while: its notifications dead-letter (one attempt here) until an operator retries.
const crm = { down: false, received: [] as string[] }
const crmNotifier = callbackNotifier(
  (transition) => {
    if (crm.down) throw new Error('CRM answered 503 Service Unavailable')
    crm.received.push(`${transition.record.reference} → ${transition.to}`)
  },
  { name: 'crm' },
)
// Midtrans' status API, faked on 127.0.0.1: the truth the reconciler asks for when a webhook is lost.
const midtransApi = fakeStatusApis.midtrans({ serverKey: secrets.midtrans })
const midtransApiServer = await serveFetchHandler((request) => midtransApi.fetch(request))
const server = await startServer({
  port: 0,
  store,
  secrets,
  notifiers: [crmNotifier],
  retry: { maxAttempts: 1 },
  consoleToken: DEMO_CONSOLE_TOKEN,
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

  // The operator console, signed in with its token as a browser would be (cookie + CSRF token).
  const ops = await signInToConsole(`${server.url}/payhooks`, DEMO_CONSOLE_TOKEN)
  console.log(`\nOperator console at ${server.url}/payhooks (its token signs in; every action is a POST with a CSRF token)`)

  // The database fails while a DataMart webhook is applied: answered 503, nothing applied, the delivery logged.
  const outageOrder = samples.datamart.completed()
  outageOrder.data = { ...(outageOrder.data as object), orderId: '66a9f0c2b7e4d21a9c3f5e99', orderReference: 'GN-OUTAGE01' }
  const signedOutage = await signWebhook('datamart', outageOrder, { secret: secrets.datamart })
  outage.on = true
  const outageResponse = await fetch(`${server.url}${signedOutage.url}`, { method: 'POST', body: signedOutage.body, headers: signedOutage.headers })
  outage.on = false
  const { deliveries } = await ops.get<{ deliveries: { id: string; reference: string; errorCode: string; replayable: boolean }[] }>('deliveries?reference=GN-OUTAGE01')
  const failed = deliveries.find((d) => d.replayable)
  console.log(`Database outage: DataMart's GN-OUTAGE01 answered ${outageResponse.status} ${failed?.errorCode}; the console offers Replay`)
  const replayed = await ops.post<{ outcome: string }>('replay', { id: failed?.id })
  await server.hooks.idle()
  console.log(`console Replay → ${replayed.outcome}; the record is ${(await server.hooks.record('datamart', 'GN-OUTAGE01'))?.status}`)

  // The CRM is down for one transition: its notification is dead-lettered, the SMS still goes out.
  crm.down = true
  const refund = await signWebhook('datamart', { ...outageOrder, event: 'order.refunded', data: { ...(outageOrder.data as object), status: 'refunded' } }, { secret: secrets.datamart })
  await fetch(`${server.url}${refund.url}`, { method: 'POST', body: refund.body, headers: refund.headers })
  await server.hooks.idle()
  const { dead } = await ops.get<{ dead: { id: string; reference: string; lastError: string }[] }>('outbox')
  console.log(`CRM down: ${dead.length} dead letter (${dead.map((row) => `${row.reference}: ${row.lastError}`).join('; ')})`)
  crm.down = false
  const retried = await ops.post<{ requeued: number }>('retry', { all: true })
  await server.hooks.idle()
  console.log(`console Retry all → ${retried.requeued} requeued; the CRM received: ${crm.received.filter((line) => line.startsWith('GN-OUTAGE01')).join(', ')}`)

  // The payhooks command line, as `npx payhooks` runs it, against this server and its SQLite file. Run
  // asynchronously: this process is the server the command talks to.
  const cli = async (...args: string[]) => {
    const env = { ...process.env, NO_COLOR: '1', [SECRET_SOURCES.datamart.env]: secrets.datamart }
    try {
      return (await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli/payhooks.ts', ...args], { encoding: 'utf8', env })).stdout
    } catch (error) {
      // A failing check exits 1; its report is still the output to show.
      return String((error as { stdout?: string }).stdout ?? error)
    }
  }
  console.log(`\n$ payhooks doctor ${server.url}/webhooks/datamart --provider datamart --secret-env ${SECRET_SOURCES.datamart.env} --store sqlite:…`)
  process.stdout.write(await cli('doctor', `${server.url}/webhooks/datamart`, '--provider', 'datamart', '--secret-env', SECRET_SOURCES.datamart.env, '--store', `sqlite:${dbFile}`))
  console.log('\n$ payhooks deliveries --reference GN-OUTAGE01 --store sqlite:…')
  process.stdout.write(await cli('deliveries', '--reference', 'GN-OUTAGE01', '--store', `sqlite:${dbFile}`))

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
