import type * as z from 'zod/mini'

/** Whether a value passes a schema, answered without building the schema's output. */
export type PayloadValidator = (value: unknown) => boolean

/**
 * Turns a schema into a faster validator, or undefined where it cannot (see node.ts and web.ts). Only
 * for schemas that only check: a valid value must be its own output.
 */
export type CompileValidator = (schema: z.core.$ZodType) => PayloadValidator | undefined
