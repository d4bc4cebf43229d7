import type { Diagnosis, DiagnoseInput, ProviderOperatorKit } from '../../providers/operator-kit.js'
import type { HeadersLike } from '../../core/request.js'

const QUOTED = /^(["'`])(.+)\1$/s
/** A signature-looking value: hex digest, optionally `sha256=`-prefixed. */
const DIGEST = /^(?:sha256=)?[0-9a-f]{32,}$/i

/** Certain: the factory refuses such a secret, and a copy with whitespace around it never matches. */
async function secretWhitespace({ secret, request, verify }: DiagnoseInput): Promise<Diagnosis[]> {
  if (secret.trim() === secret) return []
  const retried = await verify(request, secret.trim())
  return [
    {
      code: 'secret-whitespace',
      problem: `The secret has leading or trailing whitespace (often a newline from a .env file or a copy-paste)${retried.ok ? '; trimmed, it verifies' : ''}.`,
      fix: 'Trim it where it is set: the .env line, the secret manager entry, or `echo -n` instead of `echo`.',
      confirmed: true,
    },
  ]
}

async function secretQuotes({ secret, request, result, verify }: DiagnoseInput): Promise<Diagnosis[]> {
  const unquoted = QUOTED.exec(secret)?.[2]
  if (result.ok || unquoted === undefined) return []
  const retried = await verify(request, unquoted)
  return [
    {
      code: 'secret-quotes',
      problem: `The secret is wrapped in quotes, which are not part of it${retried.ok ? '; without them it verifies' : ''}.`,
      fix: 'Remove the quotes where the secret is set (a quoted value in a .env file read by a loader that keeps them, or a copy from JSON).',
      confirmed: retried.ok,
    },
  ]
}

function parsedObject({ request, result }: DiagnoseInput): Diagnosis[] {
  if (result.ok || typeof request.body !== 'string' || request.body.trim() !== '[object Object]') return []
  return [
    {
      code: 'body-parsed-object',
      problem: 'The body is the text "[object Object]": a parsed object was passed (or logged) where the raw body belongs.',
      fix: 'Capture and pass the raw body bytes (Express: mount payhooks before express.json(), or keep req.rawBody), not req.body.',
      confirmed: true,
    },
  ]
}

function headerEntries(headers: HeadersLike | undefined): [string, string][] {
  if (headers === undefined) return []
  if (headers instanceof Headers) return [...headers.entries()]
  return Object.entries(headers).flatMap(([name, value]) => (typeof value === 'string' ? [[name, value] as [string, string]] : []))
}

/** A digest-looking header the provider does not read: moved to where it carries the signature, does it verify? */
function wrongHeader(kit: ProviderOperatorKit, provider: string) {
  return async ({ request, secret, result, verify }: DiagnoseInput): Promise<Diagnosis[]> => {
    if (result.ok || kit.placeSignature === undefined) return []
    for (const [name, value] of headerEntries(request.headers)) {
      if (!DIGEST.test(value.trim())) continue
      const rest = Object.fromEntries(headerEntries(request.headers).filter(([other]) => other !== name))
      const moved = kit.placeSignature({ ...request, headers: rest }, value.trim())
      if (!(await verify(moved, secret)).ok) continue
      return [
        {
          code: 'signature-wrong-header',
          problem: `The signature is in the ${name} header, which ${provider} does not use: it carries it in ${kit.signatureLocation}.`,
          fix: `Send or forward the signature in ${kit.signatureLocation} (check the proxy that renamed it, or the test script that set ${name}).`,
          confirmed: true,
        },
      ]
    }
    return []
  }
}

/** Causes that apply to any provider; each provider's operator kit adds its own. */
export function generalDiagnoses(kit: ProviderOperatorKit, provider: string): ((input: DiagnoseInput) => Promise<Diagnosis[]> | Diagnosis[])[] {
  return [secretWhitespace, secretQuotes, parsedObject, wrongHeader(kit, provider)]
}
