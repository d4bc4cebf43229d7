import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import type { WebhookRequest } from '../../core/request.js'
import { EXIT, positional, requireOption, stringOption, stringsOption, UsageError, type Command } from '../command.js'
import type { CliIo } from '../io.js'
import { providerKits } from '../provider-kits.js'
import { readSecret, SECRET_OPTIONS, SECRET_USAGE } from '../read-secret.js'
import { diagnoseRequest } from '../verify/diagnose-request.js'

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'verify a captured request and, when it fails, say why and how to fix it',
  usage: `payhooks verify <provider> --body <file|-> [--header 'Name: value' …] [--url <path?query>] (--secret-env <NAME> | --secret <value>) [--json]

  Checks the request the way payhooks does; on failure it looks for the usual causes (a quoted or
  padded secret, the wrong key or environment, a re-serialized or pretty-printed body, the signature in
  the wrong header, the wrong checksum scheme, a status that disagrees with what was signed) and names
  the fix for each. Exit code 0 when the request verifies.

  --body <file|->     the raw body as received; - reads standard input
  --header 'N: v'     a request header (repeat for more)
  --url <url>         the request URL (token providers carry the token in it)
  ${SECRET_USAGE}`,
  options: { body: { type: 'string' }, header: { type: 'string', multiple: true }, url: { type: 'string' }, ...SECRET_OPTIONS },
  async run({ values, positionals, io, out }) {
    const kits = providerKits(positional(positionals, 0, 'the provider'))
    const body = await readBody(requireOption(values, 'body'), io)
    const headers = Object.fromEntries(stringsOption(values, 'header').map(parseHeader))
    const url = stringOption(values, 'url')
    const secret = readSecret(values, io.env, out)
    const request: WebhookRequest = { body, headers, method: 'POST', ...(url === undefined ? {} : { url }) }
    const { result, diagnoses } = await diagnoseRequest(kits, request, secret)
    if (out.json) {
      out.printJson({
        provider: kits.provider,
        verified: result.ok,
        ...(result.ok ? { method: result.method } : { error: { code: result.error.code, message: result.error.message, hint: result.error.hint } }),
        diagnoses,
      })
      return result.ok ? EXIT.ok : EXIT.failed
    }
    const { style } = out
    out.print(
      result.ok
        ? `${style.mark('pass')} verified (${result.method})`
        : `${style.mark('fail')} not verified: ${result.error.code}: ${result.error.message}${result.error.hint === undefined ? '' : `\n  ${style.paint('dim', result.error.hint)}`}`,
    )
    if (diagnoses.length === 0) {
      if (!result.ok) out.print('\nNo known cause found: compare the secret with the provider dashboard, and the body with what the provider sent.')
      return result.ok ? EXIT.ok : EXIT.failed
    }
    out.print(`\n${result.ok ? 'But:' : 'Diagnosis:'}`)
    for (const d of diagnoses) {
      out.print(`  ${style.mark(result.ok ? 'warn' : 'fail')} ${d.confirmed ? '' : 'possibly: '}${d.problem} ${style.paint('dim', `[${d.code}]`)}`)
      out.print(`    fix: ${d.fix}`)
    }
    return result.ok ? EXIT.ok : EXIT.failed
  },
}

async function readBody(source: string, io: CliIo): Promise<string> {
  if (source === '-') return io.readStdin()
  try {
    return await readFile(resolve(io.cwd, source), 'utf8')
  } catch {
    throw new UsageError(`Cannot read the body file ${source}.`)
  }
}

function parseHeader(text: string): [string, string] {
  const colon = text.indexOf(':')
  if (colon <= 0) throw new UsageError(`--header takes 'Name: value' (got ${JSON.stringify(text)}).`)
  return [text.slice(0, colon).trim().toLowerCase(), text.slice(colon + 1).trim()]
}
