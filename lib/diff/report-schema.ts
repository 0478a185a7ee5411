// The diff report's shape, written once: the TypeScript types in types.ts are inferred from
// these schemas, and a cached report file is checked against them when it is read (cache.ts),
// because the file is outside the database's guarantees — anyone or anything may have cut,
// edited or replaced it, and a report that only looks right must not reach a page or the API.
//
// The per-section lists hold up to JOB_LIST_LIMIT (50,000) entries per kind, and zod builds a
// parsed copy of every row and field it checks: on a 51 MB report (300,000 list entries) a zod
// schema per entry took about as long as JSON.parse itself (≈ 300 ms). Their entries are
// therefore checked by hand-written guards (a few typeof tests each, ≈ 4 ms there), kept in step
// with the zod schemas by report-schema.test.ts. Everything else, pivots included (flat cells
// of numbers, ≈ 35 ms for 200,000), goes through zod.
import { z } from 'zod'

const count = z.number().int().nonnegative()

export const toleranceSchema = z.object({ abs: z.number(), rel: z.number() })

/** One field that differs between the reference (previous) and the current set. */
export const fieldChangeSchema = z.object({
  previous: z.unknown(),
  current: z.unknown(),
  /** Numeric fields only: current − previous. */
  delta: z.number().optional(),
  /** Numeric fields only: delta / |previous|; null when previous is 0. */
  relative: z.number().nullable().optional(),
  /** Numeric fields only: |delta| ≤ abs + rel·|previous|. */
  within_tolerance: z.boolean().optional(),
})

type PlainRecord = Record<string, unknown>

function isRecord(v: unknown): v is PlainRecord {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** The same check as fieldChangeSchema, without building a parsed copy per field. */
function isFieldChange(v: unknown): boolean {
  if (!isRecord(v) || !('previous' in v) || !('current' in v)) return false
  const { delta, relative, within_tolerance } = v
  return (
    (delta === undefined || typeof delta === 'number') &&
    (relative === undefined || relative === null || typeof relative === 'number') &&
    (within_tolerance === undefined || typeof within_tolerance === 'boolean')
  )
}

function isChangedRow(v: unknown): boolean {
  if (!isRecord(v) || !isRecord(v.key) || !isRecord(v.fields) || typeof v.within_tolerance !== 'boolean') return false
  for (const name in v.fields) if (!isFieldChange(v.fields[name])) return false
  return true
}

/**
 * A list whose every entry passes `guard`; the issue names the first entry that does not.
 * z.custom keeps the input as it is: no copy of 50,000 entries is built.
 */
function listOf<T>(guard: (v: unknown) => boolean, what: string) {
  return z.custom<T[]>().check((ctx) => {
    const list = ctx.value as unknown
    if (!Array.isArray(list)) {
      ctx.issues.push({ code: 'custom', message: 'expected a list', input: list })
      return
    }
    for (let i = 0; i < list.length; i++) {
      if (!guard(list[i])) {
        ctx.issues.push({ code: 'custom', message: `entry ${i} is not ${what}`, input: list[i], path: [i] })
        return
      }
    }
  })
}

const rowList = listOf<PlainRecord>(isRecord, 'a row object')

export const changedRowSchema = z.object({
  key: z.record(z.string(), z.unknown()),
  fields: z.record(z.string(), fieldChangeSchema),
  /** True when every difference is a numeric one inside the tolerance. */
  within_tolerance: z.boolean(),
})

export const countsSchema = z.object({ added: count, removed: count, changed: count, unchanged: count })

export const sectionDiffSchema = z.object({
  added: rowList,
  removed: rowList,
  changed: listOf<z.infer<typeof changedRowSchema>>(isChangedRow, 'a changed row ({key, fields, within_tolerance})'),
  /** True when at least one of the lists above holds fewer entries than its count. */
  truncated: z.boolean(),
})

/** calendar_type, week_unit and unknown top-level keys of the calendar. */
export const calendarHeaderSchema = z.record(z.string(), fieldChangeSchema)

/** Any section of a report: the calendar's also carries its header changes. */
const anySectionSchema = sectionDiffSchema.extend({ header: calendarHeaderSchema.optional() })

export const totalSchema = z.object({ current: z.number(), reference: z.number(), delta: z.number() })

export const revisionInfoSchema = z.object({ label: z.string().min(1), revision: z.number().int().positive(), content_hash: z.string().min(1) })

const pivotCell = { period: z.string(), previous: z.number(), current: z.number(), delta: z.number() }

export const diffReportSchema = z
  .object({
    label: z.string().min(1),
    against: z.string().min(1),
    revisions: z.object({ current: revisionInfoSchema, reference: revisionInfoSchema }),
    tolerance: toleranceSchema,
    limit: count,
    summary: z.object({
      sections: z.record(z.string(), countsSchema),
      demand_total: totalSchema,
      capacity_total: totalSchema,
    }),
    sections: z.record(z.string(), anySectionSchema),
    pivots: z.object({
      demand: z.array(z.object({ family: z.string(), ...pivotCell })),
      capacity: z.array(z.object({ workcenter: z.string(), ...pivotCell })),
    }),
  })
  .check((ctx) => {
    // The pages read a section's lists and its counts side by side.
    const listed = Object.keys(ctx.value.sections).sort()
    const counted = Object.keys(ctx.value.summary.sections).sort()
    if (listed.join('\u0000') !== counted.join('\u0000')) {
      ctx.issues.push({ code: 'custom', message: 'sections and summary.sections name different sections', input: ctx.value, path: ['sections'] })
    }
  })

/** A report file in the cache: the report and the job that wrote it. */
export const cachedDiffSchema = z.object({
  diff_job_id: z.number().int().positive(),
  generated_at: z.iso.datetime(),
  duration_ms: z.number().nonnegative(),
  report: diffReportSchema,
})

export type CachedDiff = z.infer<typeof cachedDiffSchema>
