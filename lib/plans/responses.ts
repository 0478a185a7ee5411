// The response bodies of the plan and run endpoints as schemas: the OpenAPI document
// (lib/openapi) describes them and the API tests check every answer against it. The code's
// own types must fit them (the assignments at the end fail to compile otherwise).
import { z } from 'zod'
import { SCOPES } from '../auth/principal'
import { isoTime, pageSchema } from '../schema'
import { ARTIFACT_NAMES, type ArtifactRecord } from './artifacts'
import type { PlanListRow } from './list-plans'
import type { PlanView } from './read-plan'
import type { RunListRow, RunView } from './read-run'

const id = z.number().int().positive()
const count = z.number().int().nonnegative()

const inputSetCardSchema = z.object({
  label: z.string(),
  ref: z.string(),
  revision: id.nullable(),
  content_hash: z.string().nullable(),
  status: z.string().nullable().describe("The revision's status now; null when it no longer exists."),
  approved_by: z.string().nullable(),
  approved_at: isoTime.nullable(),
})

const artifactRecordSchema = z.object({
  name: z.enum(ARTIFACT_NAMES),
  status: z.enum(['written', 'failed']),
  sha256: z.string().nullable(),
  bytes: count.nullable(),
  error: z.string().nullable(),
})

const scope = z.enum(SCOPES)

/** A step of a warning's fix the portal can take (lib/plans/warnings.ts), with the scope it needs. */
const warningActionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('restore_revision'), label: z.string(), revision: id, needs: scope }),
  z.object({ kind: z.literal('review_draft'), label: z.string(), revision: id, needs: scope }),
  z.object({ kind: z.literal('plan_from_ready'), needs: scope }),
])

const recoveryPathSchema = z.object({ says: z.string(), commands: z.array(z.string()) })

const warningBody = { title: z.string(), message: z.string(), commands: z.array(z.string()), actions: z.array(warningActionSchema) }

const warningSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('legacy'), ...warningBody }),
  z.object({
    kind: z.literal('missing_input_set'),
    ...warningBody,
    label: z.string(),
    ref: z.string(),
    clears_this: recoveryPathSchema.nullable().describe('What clears the warning for this plan or run; null when the revision no longer exists.'),
    new_run: recoveryPathSchema.describe('What a new run needs: a ready revision of the label.'),
  }),
  z.object({ kind: z.literal('artifact_failed'), ...warningBody }),
])

const quantity = z.object({ rows: count, qty: z.number() })

const planSummarySchema = z.object({
  periods: count,
  items: count,
  total_demand: z.number(),
  total_capacity: z.number(),
  total_supply: z.number(),
  ending_backlog: z.number(),
  peak_utilisation: z.number().nullable(),
  periods_without_capacity: z.array(z.string()),
  periods_outside_calendar: z.array(z.string()),
  families_without_mix: z.object({ count, demand: z.number(), examples: z.array(z.string()) }),
  open_po_before_horizon: quantity,
  open_po_outside_horizon: quantity,
  items_short: count,
})

const planPeriodSchema = z.object({
  position: count,
  period: z.string(),
  demand: z.number(),
  capacity: z.number(),
  supply: z.number(),
  backlog: z.number(),
  utilisation: z.number().nullable(),
})

export const planViewSchema = z
  .object({
    id,
    config_version_id: id,
    input_set: inputSetCardSchema.nullable(),
    legacy_reason: z.string().nullable(),
    created_by: z.string(),
    created_at: isoTime,
    summary: planSummarySchema,
    periods: z.array(planPeriodSchema),
    artifacts: z.array(artifactRecordSchema),
    runs: z.array(id),
    warnings: z.array(warningSchema),
  })
  .meta({ id: 'Plan' })

export const planBodySchema = z.object({ plan: planViewSchema })

export const planPageSchema = pageSchema(
  z.object({
    id,
    input_set_label: z.string().nullable(),
    input_set_ref: z.string().nullable(),
    revision: id.nullable(),
    input_set_status: z.string().nullable(),
    config_version_id: id,
    periods: count,
    created_by: z.string(),
    created_at: isoTime,
    failed_artifacts: count,
  }),
).meta({ id: 'PlanPage' })

export const runViewSchema = z
  .object({
    id,
    plan_id: id.nullable(),
    entrypoint: z.string(),
    pipeline: z.string().nullable(),
    status: z.string(),
    input_set: inputSetCardSchema.nullable(),
    legacy_reason: z.string().nullable(),
    options: z.record(z.string(), z.unknown()).nullable(),
    created_by: z.string(),
    created_at: isoTime,
    artifacts: z.array(artifactRecordSchema),
    warnings: z.array(warningSchema),
  })
  .meta({ id: 'Run' })

export const runBodySchema = z.object({ run: runViewSchema })

export const runPageSchema = pageSchema(
  z.object({
    id,
    plan_id: id.nullable(),
    entrypoint: z.string(),
    input_set_label: z.string().nullable(),
    revision: id.nullable(),
    input_set_status: z.string().nullable(),
    legacy: z.boolean(),
    status: z.string(),
    created_by: z.string(),
    created_at: isoTime,
  }),
).meta({ id: 'RunPage' })

/** A plan artifact as downloaded: the JSON document itself. */
export const artifactDocumentSchema = z.record(z.string(), z.unknown())

// The code's types fit the schemas (compile-time only).
export type PlanViewFits = PlanView extends z.infer<typeof planViewSchema> ? true : never
export type PlanRowFits = PlanListRow extends z.infer<typeof planPageSchema>['data'][number] ? true : never
export type RunViewFits = RunView extends z.infer<typeof runViewSchema> ? true : never
export type RunRowFits = RunListRow extends z.infer<typeof runPageSchema>['data'][number] ? true : never
export type ArtifactFits = ArtifactRecord extends z.infer<typeof artifactRecordSchema> ? true : never
export const FITS: [PlanViewFits, PlanRowFits, RunViewFits, RunRowFits, ArtifactFits] = [true, true, true, true, true]
