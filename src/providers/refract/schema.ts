import { z } from 'zod'

/**
 * Optional Discord text. Discord libraries usually omit unset fields, but some bots send `null`;
 * neither is an error for a receiver.
 */
const text = z.string().nullish()

const embedMedia = z.looseObject({ url: text })

/** One `fields[]` entry; Discord requires `name` and `value` (providers.md §5.3). */
export const refractEmbedFieldSchema = z.looseObject({
  name: z.string(),
  value: z.string(),
  inline: z.boolean().nullish(),
})

/** The Discord Embed object (providers.md §5.3). Discord's length limits are Discord's to enforce, not ours. */
export const refractEmbedSchema = z.looseObject({
  title: text,
  type: text,
  description: text,
  url: text,
  timestamp: text,
  color: z.number().nullish(),
  footer: z.looseObject({ text: text, icon_url: text }).nullish(),
  author: z.looseObject({ name: text, url: text, icon_url: text }).nullish(),
  image: embedMedia.nullish(),
  thumbnail: embedMedia.nullish(),
  fields: z.array(refractEmbedFieldSchema).nullish(),
})

const nonEmptyList = (value: unknown) => Array.isArray(value) && value.length > 0

/**
 * A Discord Execute Webhook body (providers.md §5.3), which is what Refract posts (§5.2). Unknown
 * fields are kept. Discord's own rule applies: at least one of content, embeds, components, attachments
 * (files) or poll must be present, so an empty object is not a message.
 */
export const refractPayloadSchema = z
  .looseObject({
    content: text,
    username: text,
    avatar_url: text,
    tts: z.boolean().nullish(),
    embeds: z.array(refractEmbedSchema).nullish(),
    components: z.array(z.unknown()).nullish(),
    attachments: z.array(z.unknown()).nullish(),
    poll: z.looseObject({}).nullish(),
  })
  .refine(
    (message) =>
      (typeof message.content === 'string' && message.content.trim() !== '') ||
      nonEmptyList(message.embeds) ||
      nonEmptyList(message.components) ||
      nonEmptyList(message.attachments) ||
      (message.poll !== undefined && message.poll !== null),
    { message: 'A Discord message needs at least one of content, embeds, components, attachments or poll' },
  )

export type RefractPayload = z.output<typeof refractPayloadSchema>
export type RefractEmbed = z.output<typeof refractEmbedSchema>
export type RefractEmbedField = z.output<typeof refractEmbedFieldSchema>
