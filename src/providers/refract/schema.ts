import * as z from 'zod/mini'

/**
 * Optional Discord text. Discord libraries usually omit unset fields, but some bots send `null`;
 * neither is an error for a receiver.
 */
const text = z.nullish(z.string())

const embedMedia = z.looseObject({ url: text })

/** One `fields[]` entry; Discord requires `name` and `value` (providers.md §5.3). */
export const refractEmbedFieldSchema = z.looseObject({
  name: z.string(),
  value: z.string(),
  inline: z.nullish(z.boolean()),
})

/** The Discord Embed object (providers.md §5.3). Discord's length limits are Discord's to enforce, not ours. */
export const refractEmbedSchema = z.looseObject({
  title: text,
  type: text,
  description: text,
  url: text,
  timestamp: text,
  color: z.nullish(z.number()),
  footer: z.nullish(z.looseObject({ text: text, icon_url: text })),
  author: z.nullish(z.looseObject({ name: text, url: text, icon_url: text })),
  image: z.nullish(embedMedia),
  thumbnail: z.nullish(embedMedia),
  fields: z.nullish(z.array(refractEmbedFieldSchema)),
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
    tts: z.nullish(z.boolean()),
    embeds: z.nullish(z.array(refractEmbedSchema)),
    components: z.nullish(z.array(z.unknown())),
    attachments: z.nullish(z.array(z.unknown())),
    poll: z.nullish(z.looseObject({})),
  })
  .check(
    z.refine(
      (message) =>
        (typeof message.content === 'string' && message.content.trim() !== '') ||
        nonEmptyList(message.embeds) ||
        nonEmptyList(message.components) ||
        nonEmptyList(message.attachments) ||
        (message.poll !== undefined && message.poll !== null),
      { message: 'A Discord message needs at least one of content, embeds, components, attachments or poll' },
    ),
  )

export type RefractPayload = z.output<typeof refractPayloadSchema>
export type RefractEmbed = z.output<typeof refractEmbedSchema>
export type RefractEmbedField = z.output<typeof refractEmbedFieldSchema>
