// The planning impact endpoint as a documented operation (see lib/openapi/operation.ts).
import { z } from 'zod'
import { diffPendingSchema } from '../diff/responses'
import { againstRef } from '../diff/schema'
import { parsedRefParams } from '../input-sets/schema'
import { defineOperation, type ResponseSpec } from '../openapi/operation'
import { optional } from '../schema'
import { impactBodySchema } from './schema'

/** Omitted → the default reference, as for the diff. */
export const impactQuery = z.object({ against: optional(againstRef) })

const base = {
  path: '/api/plans/input_sets/{label}/impact',
  tag: 'Impact',
  scope: 'input_sets:read',
  params: parsedRefParams,
  query: impactQuery,
  responses: {
    200: { description: 'The planning impact report.', schema: impactBodySchema },
    202: {
      description: 'The job is queued or running; ask again at Location after Retry-After seconds.',
      schema: diffPendingSchema,
      headers: { location: { description: 'Where to ask again.' }, 'retry-after': { description: 'Seconds to wait.', schema: { type: 'integer' } } },
    },
    500: { description: 'The job failed (`impact_job_failed`; `details` holds the job and how to retry it), or an internal error.' },
  } satisfies Record<number, ResponseSpec>,
} as const

export const impactApi = {
  read: defineOperation({
    ...base,
    method: 'get',
    operationId: 'getImpact',
    conditional: true,
    summary: 'What the revision does to the rough-cut plan, against another',
    description:
      'The rough-cut plans of the revision and of the reference side by side per period, with deltas, the summary of each and the items that go short. Without `against` the reference is the diff’s default (400 `no_reference` when there is none). The first request queues a background job.',
  }),
  retry: defineOperation({ ...base, method: 'post', operationId: 'requeueImpact', summary: 'Queue a new planning impact job, even after a failure' }),
}
