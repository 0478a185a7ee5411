// The diff endpoint's response bodies as schemas for the OpenAPI document (lib/openapi):
// a ready report page, and the job while it is pending or after it failed. The per-section
// lists are checked by hand-written guards when a cached report is read (report-schema.ts);
// here they are written out whole so a client knows each entry's shape.
import { z } from 'zod'
import { isoTime } from '../schema'
import type { DiffJobView } from './answer'
import type { DiffReportPage } from './report-view'
import { calendarHeaderSchema, changedRowSchema, countsSchema, revisionInfoSchema, toleranceSchema, totalSchema } from './report-schema'
import { DIFF_KINDS, type DiffKind } from './schema'

const count = z.number().int().nonnegative()
const row = z.record(z.string(), z.unknown())

const sectionPageSchema = z.object({
  counts: countsSchema,
  /** Entries kept in the cached report per kind; below the count when the job's list limit cut it. */
  listed: z.object(Object.fromEntries(DIFF_KINDS.map((k) => [k, count])) as Record<DiffKind, typeof count>),
  truncated: z.boolean(),
  header: calendarHeaderSchema.optional(),
  added: z.array(row),
  removed: z.array(row),
  changed: z.array(changedRowSchema),
})

const pivotCell = { period: z.string(), previous: z.number(), current: z.number(), delta: z.number() }

export const diffReportPageSchema = z
  .object({
    status: z.literal('ready'),
    diff_job_id: z.number().int().positive(),
    generated_at: isoTime,
    duration_ms: z.number().nonnegative(),
    label: z.string(),
    against: z.string(),
    revisions: z.object({ current: revisionInfoSchema, reference: revisionInfoSchema }),
    tolerance: toleranceSchema,
    list_limit: count,
    page: z.number().int().positive(),
    page_size: z.number().int().positive(),
    summary: z.object({ sections: z.record(z.string(), countsSchema), demand_total: totalSchema, capacity_total: totalSchema }),
    sections: z.record(z.string(), sectionPageSchema),
    pivots: z.object({
      demand: z.array(z.object({ family: z.string(), ...pivotCell })),
      capacity: z.array(z.object({ workcenter: z.string(), ...pivotCell })),
    }),
  })
  .meta({ id: 'DiffReportPage' })

const diffJobSchema = z.object({
  diff_job_id: z.number().int().positive(),
  status: z.enum(['queued', 'running', 'succeeded', 'failed']),
  label: z.string(),
  against: z.string(),
  pair: z.object({ current: z.string(), reference: z.string() }).describe('The two revisions compared (`label@N`), whatever refs named them: the report’s key.'),
  current_hash: z.string(),
  reference_hash: z.string(),
  attempts: count,
  created_at: isoTime,
  started_at: isoTime.nullable(),
  finished_at: isoTime.nullable(),
  duration_ms: z.number().nonnegative().nullable(),
  error: z.string().nullable(),
})

/** 202: the job is queued or running; ask again at Location after Retry-After seconds. */
export const diffPendingSchema = diffJobSchema.extend({ stale: z.boolean() }).meta({ id: 'DiffJobPending' })

/** The details of the 500 `diff_job_failed` error: the job and how to retry it. */
export const diffFailedDetailsSchema = diffJobSchema.extend({ retry: z.object({ method: z.literal('POST'), url: z.string() }) })

// The code's types fit the schemas (compile-time only).
export type DiffPageFits = DiffReportPage extends z.infer<typeof diffReportPageSchema> ? true : never
export type DiffJobFits = DiffJobView extends z.infer<typeof diffJobSchema> ? true : never
export const DIFF_FITS: [DiffPageFits, DiffJobFits] = [true, true]
