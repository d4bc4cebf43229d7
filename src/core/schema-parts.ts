import * as z from 'zod/mini'

/** A string with at least one character: what every required identifier or status in a payload is. */
export const nonEmptyText = z.string().check(z.minLength(1))
