// Reusable zod fragments for query strings and form fields. Browsers and curl send
// every value as text, and an empty value (`?status=`) means "not given".
import { z } from 'zod'

export const MAX_PAGE_SIZE = 500
export const DEFAULT_PAGE_SIZE = 50
// Keeps OFFSET a safe integer on both databases.
export const MAX_PAGE = 1_000_000_000

/** '' → undefined, so an empty form field or query value falls back to its default. */
export function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (v === '' ? undefined : v), schema.optional())
}

export const positiveInt = z.coerce.number().int().positive()

/** Form and query booleans: true/false, 1/0, yes/no and on/off (an HTML checkbox). */
export const booleanText = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], { error: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes' || v === 'on')

export const pagingQuery = z.object({
  page: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(1).max(MAX_PAGE).default(1)),
  page_size: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE)),
})

export type Paging = { page: number; pageSize: number }
export type Page<T> = { data: T[]; total: number; page: number; page_size: number }

/** The response schema of a Page<T> (lib/openapi documents and checks it). */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item), total: z.number().int().nonnegative(), page: z.number().int().positive(), page_size: z.number().int().positive() })
}

/** A timestamp in a response body: ISO 8601 in UTC, as Date.toISOString writes it. */
export const isoTime = z.iso.datetime()
