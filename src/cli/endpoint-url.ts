import { UsageError } from './command.js'

/** The webhook URL given on the command line: http(s) only. */
export function endpointUrl(text: string): URL {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new UsageError(`${JSON.stringify(text)} is not a URL: give the full webhook URL, e.g. http://127.0.0.1:3000/webhooks/<provider>.`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`The webhook URL must be http:// or https:// (got ${url.protocol}).`)
  return url
}
