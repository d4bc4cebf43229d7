import type { ProviderOperatorKit } from '../operator-kit.js'
import { pickSample } from '../operator-kit.js'
import { refractSamples } from './samples.js'

type Payload = Record<string, unknown>
interface Field {
  name: string
  value: string
}

/** The sample with its embed fields' Order Number and Price replaced (the labels providers.md §5.2 shows). */
function fill(payload: Payload, values: Record<string, string>): Payload {
  const embeds = payload.embeds as { fields?: Field[] }[] | undefined
  if (embeds === undefined) return payload
  return {
    ...payload,
    embeds: embeds.map((embed) =>
      embed.fields === undefined ? embed : { ...embed, fields: embed.fields.map((field) => ({ ...field, value: values[field.name] ?? field.value })) },
    ),
  }
}

export const refractOperatorKit: ProviderOperatorKit = {
  signatureLocation: 'the last path segment of the webhook URL, or ?token=',
  sample(name, { reference, amount }) {
    const payload = pickSample(refractSamples, name)?.()
    if (payload === undefined) return undefined
    return fill(payload, {
      ...(reference === undefined ? {} : { 'Order Number': `#${reference}` }),
      ...(amount === undefined ? {} : { Price: `$${Number(amount).toFixed(2)}` }),
    })
  },
  // No pending message exists; a declined checkout after a successful one is stale (money wins).
  doctor: { completed: 'completed', late: { sample: 'failed', status: 'failed' }, testNotification: 'testNotification', checkAckBody: false },
  diagnose: async () => [],
}
