import { WebhookError } from '../../core/webhook-error.js'

/** Discord's multipart field that holds the message JSON (providers.md §5.3). */
export const PAYLOAD_JSON_PART = 'payload_json'

const MULTIPART_FORM_DATA = /^\s*multipart\/form-data\s*(;|$)/i
const BOUNDARY_PARAM = /;\s*boundary\s*=\s*(?:"([^"]{1,70})"|([^;\s"]{1,70}))/i
const FORM_DATA_NAME = /;\s*name\s*=\s*(?:"([^"]*)"|([^;\s"]+))/i
const CONTENT_DISPOSITION = /^content-disposition\s*:(.*)$/i

export function isMultipartFormData(contentType: string | undefined): contentType is string {
  return contentType !== undefined && MULTIPART_FORM_DATA.test(contentType)
}

function malformed(detail: string, hint: string): WebhookError {
  return new WebhookError('PAYLOAD_INVALID', `The Refract multipart/form-data body is malformed: ${detail}.`, {
    provider: 'refract',
    hint,
  })
}

const RAW_HINT =
  'Pass the raw request body, unmodified: a multipart parser or a proxy that re-encodes the form breaks it. ' +
  'The Content-Type header must be the one the request came with (it carries the boundary).'

/** The `name` of a part from its Content-Disposition header, or undefined when the part has none. */
function partName(headers: string): string | undefined {
  for (const line of headers.split('\r\n')) {
    const disposition = CONTENT_DISPOSITION.exec(line)
    if (disposition === null) continue
    const name = FORM_DATA_NAME.exec(disposition[1] as string)
    return name === null ? undefined : (name[1] ?? name[2])
  }
  return undefined
}

/**
 * The text of the `payload_json` part of a `multipart/form-data` body (RFC 7578 / RFC 2046), which is
 * how Discord-format webhooks send a message with attachments. Strict: CRLF line breaks, a closing
 * delimiter, exactly one `payload_json` part. File parts are skipped unread.
 */
export function readPayloadJsonPart(body: string, contentType: string): string {
  const boundary = BOUNDARY_PARAM.exec(contentType)
  if (boundary === null) throw malformed('the Content-Type header has no boundary', RAW_HINT)
  const dashBoundary = `--${boundary[1] ?? boundary[2]}`
  const delimiter = `\r\n${dashBoundary}`

  // The first boundary may follow a preamble, which is ignored.
  let position = dashBoundary.length
  if (!body.startsWith(dashBoundary)) {
    const preambleEnd = body.indexOf(delimiter)
    if (preambleEnd < 0) throw malformed('the boundary from Content-Type never occurs', RAW_HINT)
    position = preambleEnd + delimiter.length
  }
  let payloadJson: string | undefined
  for (;;) {
    if (body.startsWith('--', position)) break
    while (body[position] === ' ' || body[position] === '\t') position++
    if (!body.startsWith('\r\n', position)) throw malformed('a boundary line does not end in CRLF', RAW_HINT)
    const start = position + 2
    const end = body.indexOf(delimiter, start)
    if (end < 0) throw malformed('the closing boundary is missing (truncated body?)', RAW_HINT)
    const part = body.slice(start, end)
    const headersEnd = part.startsWith('\r\n') ? 0 : part.indexOf('\r\n\r\n')
    if (headersEnd < 0) throw malformed('a part has no blank line after its headers', RAW_HINT)
    if (partName(part.slice(0, headersEnd)) === PAYLOAD_JSON_PART) {
      if (payloadJson !== undefined) throw malformed(`it has two ${PAYLOAD_JSON_PART} parts`, RAW_HINT)
      payloadJson = part.slice(headersEnd + (headersEnd === 0 ? 2 : 4))
    }
    position = end + delimiter.length
  }
  if (payloadJson === undefined) {
    throw new WebhookError('PAYLOAD_INVALID', `The Refract multipart/form-data body has no ${PAYLOAD_JSON_PART} part.`, {
      provider: 'refract',
      path: PAYLOAD_JSON_PART,
      hint:
        'A Discord-format webhook sent as multipart/form-data carries the message JSON in a part named payload_json; ' +
        'this body has only other parts (files?). Check that the sender is Refract and that nothing rewrote the form.',
    })
  }
  return payloadJson
}
