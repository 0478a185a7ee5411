// Request schemas of the input-set feature, shared by the REST API and the portal's
// forms. Path values are checked here, before anything touches the database or disk.
import { z } from 'zod'
import { InvalidError } from '../errors'
import { booleanText, optional, pagingQuery, positiveInt } from '../schema'
import { SECTION_STEMS } from './bundle/sections'
import { assertValidLabel, parseInputSetRef, REVISION_STATUSES } from './labels'
import { REVIEW_VERBS, reviewText } from './review-rules'

/** Decodes a path segment once; a label has no '%', so decoding cannot turn a bad label into a good one. */
function decodeSegment(raw: string): string {
  if (!raw.includes('%')) return raw
  try {
    return decodeURIComponent(raw)
  } catch {
    return raw
  }
}

/** A path value parsed by a domain parser into what it returns; its InvalidError code (invalid_label) is kept. */
function parsedSegment<T>(parse: (text: string) => T) {
  return z.string().transform((raw, ctx) => {
    try {
      return parse(decodeSegment(raw))
    } catch (err) {
      if (!(err instanceof InvalidError)) throw err
      ctx.addIssue({ code: 'custom', message: err.message, params: { code: err.code } })
      return z.NEVER
    }
  })
}

/** A path value checked by a domain parser and kept as text. */
function checkedSegment(check: (text: string) => unknown) {
  return parsedSegment((text) => (check(text), text))
}

/** `label`, `label@draft` or `label@N`. */
export const refParams = z.object({ label: checkedSegment((t) => parseInputSetRef(t)) })
/** The same, handed on parsed (routes whose domain call takes an InputSetRef). */
export const parsedRefParams = z.object({ label: parsedSegment((t) => parseInputSetRef(t)) })
/** A bare label (events are kept per label, not per revision). */
export const labelParams = z.object({ label: checkedSegment((t) => assertValidLabel(t)) })

export const rowsParams = refParams.extend({
  section: z.enum(SECTION_STEMS, { error: `section must be one of ${SECTION_STEMS.join(', ')}` }),
})
export const rowsQuery = pagingQuery

export const listQuery = pagingQuery.extend({
  status: optional(z.enum(REVISION_STATUSES, { error: `status must be one of ${REVISION_STATUSES.join(', ')}` })),
  config_version_id: optional(positiveInt),
  q: optional(z.string().trim().max(128)),
  awaiting_review: optional(booleanText),
})

export const eventsQuery = z.object({
  limit: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(1).max(500).default(100)),
})

export const exportQuery = z.object({
  format: optional(z.enum(['zip'], { error: "format must be 'zip'" })).transform((v) => v ?? 'zip'),
  include_meta: optional(booleanText).transform((v) => v ?? false),
})

const comment = reviewText('comment')

/** The review body; `actor` is deliberately not a field: the actor is whoever authenticated. */
export const reviewBody = z.strictObject({
  action: z.enum(REVIEW_VERBS, { error: `action must be one of ${REVIEW_VERBS.join(', ')}` }),
  comment: comment.nullish(),
  force: z.boolean().optional(),
  reason: reviewText('reason').nullish(),
})

/** The upload's query: replace_draft may also be given here (e.g. by a client that cannot add a form field). */
export const uploadQuery = z.object({ replace_draft: optional(booleanText) })

/** A manual event (lib/input-sets/manual-events.ts checks action, comment and metadata); the actor is the caller. */
export const manualEventBody = z.strictObject({
  action: z.string({ error: 'action is required' }),
  comment: z.string({ error: 'comment must be text' }).nullish(),
  revision: z.number({ error: 'revision must be a whole number' }).int('revision must be a whole number').positive('revision must be at least 1').nullish(),
  metadata: z.unknown().optional(),
})

/** The upload form's text fields; the files travel beside them. */
export const uploadFields = z
  .object({
    label: z.string({ error: 'label is required' }),
    config_version_id: optional(positiveInt),
    version_id: optional(positiveInt),
    comment: optional(comment),
    inherit: optional(booleanText),
    validate_only: optional(booleanText),
    replace_draft: optional(booleanText),
  })
  .superRefine((v, ctx) => {
    if (v.config_version_id === undefined && v.version_id === undefined) {
      ctx.addIssue({ code: 'custom', path: ['config_version_id'], message: 'config_version_id is required' })
    }
  })
  .transform((v) => ({
    label: v.label,
    configVersionId: (v.config_version_id ?? v.version_id)!,
    comment: v.comment ?? null,
    inherit: v.inherit ?? true,
    validateOnly: v.validate_only ?? false,
    replaceDraft: v.replace_draft ?? false,
  }))
