// The planning impact report's shape (docs/impact.md): one zod schema per part, used to check a
// cached file when it is read back, to type the code, and for the OpenAPI document. The REST
// body and the CLI's impact_report.json are the same document.
import { z } from 'zod'
import { revisionInfoSchema } from '../diff/report-schema'
import { isoTime } from '../schema'

const figure = z.number()

/** One period of one plan: the rough-cut figures (lib/plans/rough-cut.ts). */
export const periodFiguresSchema = z.object({ demand: figure, capacity: figure, supply: figure, backlog: figure, utilisation: figure.nullable() })

export const IMPACT_SIDES = ['both', 'current', 'reference'] as const

export const impactPeriodSchema = z.object({
  period: z.string(),
  /** Which plans have the period; the other side and the delta are null when only one does. */
  in: z.enum(IMPACT_SIDES),
  current: periodFiguresSchema.nullable(),
  reference: periodFiguresSchema.nullable(),
  /** current − reference; utilisation null when either side has none. */
  delta: periodFiguresSchema.nullable(),
  /** The current plan's figures above the set's limits: `utilisation`, `backlog`. */
  warnings: z.array(z.enum(['utilisation', 'backlog'])),
})

export const planSummarySchema = z.object({
  peak_utilisation: figure.nullable(),
  peak_period: z.string().nullable(),
  ending_backlog: figure,
  /** Periods whose demand plus backlog carried in exceeds capacity (they carry backlog on). */
  periods_over_capacity: z.number().int().nonnegative(),
  /** Items whose projected inventory goes negative in some period. */
  short_items: z.number().int().nonnegative(),
})

export const ITEM_CHANGES = ['newly_short', 'still_short', 'no_longer_short'] as const

export const impactItemSchema = z.object({
  item: z.string(),
  change: z.enum(ITEM_CHANGES),
  /** The first period the item is short in the current plan (null: not short there). */
  period_first_short: z.string().nullable(),
  reference_period_first_short: z.string().nullable(),
  /** Lowest projected inventory in each plan; null when the item is not in that plan. */
  current_min: figure.nullable(),
  reference_min: figure.nullable(),
  /** Shortfall (−min, when short) in the current plan minus that in the reference plan. */
  shortfall_change: figure,
})

const limitSchema = z.object({ value: z.number().nonnegative(), source: z.enum(['params', 'default']) })

export const impactReportSchema = z.object({
  label: z.string().min(1),
  against: z.string().min(1),
  revisions: z.object({ current: revisionInfoSchema, reference: revisionInfoSchema }),
  limits: z.object({ utilisation: limitSchema, backlog: limitSchema }),
  summary: z.object({ current: planSummarySchema, reference: planSummarySchema }),
  periods: z.array(impactPeriodSchema),
  items: z.array(impactItemSchema),
})

/** What a job writes to the cache. */
export const cachedImpactSchema = z.object({
  impact_job_id: z.number().int().positive(),
  generated_at: isoTime,
  duration_ms: z.number().nonnegative(),
  report: impactReportSchema,
})

/** The REST 200 body and the CLI's impact_report.json (impact_job_id null: computed by the CLI). */
export const impactBodySchema = impactReportSchema
  .extend({
    status: z.literal('ready'),
    impact_job_id: z.number().int().positive().nullable(),
    generated_at: isoTime,
    duration_ms: z.number().nonnegative(),
  })
  .meta({ id: 'ImpactReport' })

export type PeriodFigures = z.infer<typeof periodFiguresSchema>
export type ImpactPeriod = z.infer<typeof impactPeriodSchema>
export type PlanImpactSummary = z.infer<typeof planSummarySchema>
export type ImpactItem = z.infer<typeof impactItemSchema>
export type ImpactReport = z.infer<typeof impactReportSchema>
export type CachedImpact = z.infer<typeof cachedImpactSchema>
export type ImpactBody = z.infer<typeof impactBodySchema>
