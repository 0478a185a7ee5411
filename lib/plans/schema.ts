// Request schemas of plans and runs, shared by the REST API, the portal's form and tests.
import { z } from 'zod'
import { InvalidError } from '../errors'
import { parseInputSetRef } from '../input-sets/labels'
import { optional, pagingQuery, positiveInt } from '../schema'

/** `label` or `label@N`: a plan is made from a ready revision, never from `@draft`. */
export const planInputSetLabel = z.string({ error: 'input_set_label is required' }).transform((text, ctx) => {
  try {
    const ref = parseInputSetRef(text.trim(), 'input_set_label')
    if (ref.kind === 'draft') {
      ctx.addIssue({ code: 'custom', message: `input_set_label '${text}' names a draft; a plan needs a ready revision: write the label or label@N.` })
      return z.NEVER
    }
    return text.trim()
  } catch (err) {
    if (!(err instanceof InvalidError)) throw err
    ctx.addIssue({ code: 'custom', message: err.message, params: { code: err.code } })
    return z.NEVER
  }
})

const configVersionId = positiveInt.refine((n) => n <= 2_147_483_647, 'config_version_id is too large')
const reason = z.string().trim().max(4000)

export const createPlanBody = z.strictObject({
  config_version_id: configVersionId,
  input_set_label: planInputSetLabel,
})

/** POST /api/runs: a plan to run, or a label to plan and run, or an explicitly legacy run. */
export const createRunBody = z.strictObject({
  plan_id: optional(positiveInt),
  input_set_label: optional(planInputSetLabel),
  config_version_id: optional(configVersionId),
  pipeline: optional(z.string().trim().min(1).max(200)),
  allow_legacy: z.boolean().optional(),
  legacy_reason: reason.nullish(),
})

/** POST /runs, the older shape: everything but the pipeline travels in `options`; unknown options are kept. */
export const runsCompatBody = z.object({
  pipeline: optional(z.string().trim().min(1).max(200)),
  async: z.boolean().optional(),
  options: z
    .looseObject({
      input_set_label: optional(planInputSetLabel),
      config_version_id: optional(configVersionId),
      plan_id: optional(positiveInt),
      allow_legacy: z.boolean().optional(),
      legacy_reason: reason.nullish(),
    })
    .default({}),
})

export const idParams = z.object({
  id: z
    .string()
    .regex(/^[1-9][0-9]{0,9}$/, 'id must be a positive integer')
    .transform(Number)
    .refine((n) => n <= 2_147_483_647, 'id is too large'),
})

export const listQuery = pagingQuery.extend({ label: optional(z.string().trim().max(128)) })
