// Request schemas of the diff API and page (docs/api.md, docs/diff.md).
import { z } from 'zod'
import { InvalidError } from '../errors'
import { SECTION_STEMS } from '../input-sets/bundle/sections'
import { parseInputSetRef } from '../input-sets/labels'
import { optional, pagingQuery } from '../schema'

export const DIFF_KINDS = ['added', 'removed', 'changed'] as const
export type DiffKind = (typeof DIFF_KINDS)[number]

/** Parsed here, once: the route passes the InputSetRef on. */
export const againstRef = z.string().transform((text, ctx) => {
  try {
    return parseInputSetRef(text, 'against')
  } catch (err) {
    if (!(err instanceof InvalidError)) throw err
    ctx.addIssue({ code: 'custom', message: err.message, params: { code: err.code } })
    return z.NEVER
  }
})

export const diffQuery = pagingQuery.extend({
  /** Omitted → the default reference (for a draft its label's ready revision, else the label's previous ready revision). */
  against: optional(againstRef),
  section: optional(z.enum(SECTION_STEMS, { error: `section must be one of ${SECTION_STEMS.join(', ')}` })),
  kind: optional(z.enum(DIFF_KINDS, { error: `kind must be one of ${DIFF_KINDS.join(', ')}` })),
})

/** The CSV download of one section's rows (changed by default). */
export const diffRowsQuery = z.object({
  against: optional(againstRef),
  kind: optional(z.enum(DIFF_KINDS, { error: `kind must be one of ${DIFF_KINDS.join(', ')}` })).transform((k) => k ?? 'changed'),
})
