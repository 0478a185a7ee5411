// Request schemas of the diff API and page (docs/api.md, docs/diff.md).
import { z } from 'zod'
import { InvalidError } from '../errors'
import { SECTION_STEMS } from '../input-sets/bundle/sections'
import { parseInputSetRef } from '../input-sets/labels'
import { optional, pagingQuery } from '../schema'

export const DIFF_KINDS = ['added', 'removed', 'changed'] as const
export type DiffKind = (typeof DIFF_KINDS)[number]

const againstRef = z.string().transform((text, ctx) => {
  try {
    parseInputSetRef(text, 'against')
    return text
  } catch (err) {
    if (!(err instanceof InvalidError)) throw err
    ctx.addIssue({ code: 'custom', message: err.message, params: { code: err.code } })
    return z.NEVER
  }
})

export const diffQuery = pagingQuery.extend({
  /** Omitted → the default reference (the label's ready revision, else the newest ready set of its config version). */
  against: optional(againstRef),
  section: optional(z.enum(SECTION_STEMS, { error: `section must be one of ${SECTION_STEMS.join(', ')}` })),
  kind: optional(z.enum(DIFF_KINDS, { error: `kind must be one of ${DIFF_KINDS.join(', ')}` })),
})
