// The diff endpoints as documented operations (see lib/openapi/operation.ts).
import { z } from 'zod'
import { refParams } from '../input-sets/schema'
import { defineOperation, type ResponseSpec } from '../openapi/operation'
import { diffPendingSchema, diffReportPageSchema } from './responses'
import { diffQuery } from './schema'

const tag = 'Diff'

const answers: Record<number, ResponseSpec> = {
  200: { description: 'The report is ready: one page of it.', schema: diffReportPageSchema },
  202: {
    description: 'The job is queued or running; ask again at Location after Retry-After seconds.',
    schema: diffPendingSchema,
    headers: { location: { description: 'Where to ask again.' }, 'retry-after': { description: 'Seconds to wait.', schema: { type: 'integer' } } },
  },
  500: { description: 'The job failed (`diff_job_failed`; `details` holds the job and how to retry it), or an internal error.' },
}

const base = {
  path: '/api/plans/input_sets/{label}/diff',
  tag,
  scope: 'input_sets:read',
  params: refParams,
  query: diffQuery,
  responses: answers,
} as const

export const diffApi = {
  read: defineOperation({
    ...base,
    method: 'get',
    operationId: 'getDiff',
    summary: 'The diff of a revision against another',
    description: '`against` defaults to the label’s ready revision, else the newest ready set of its config version. The first request queues a background job.',
  }),
  retry: defineOperation({
    ...base,
    method: 'post',
    operationId: 'requeueDiff',
    summary: 'Queue a new diff job, even after a failure',
  }),
  runJobs: defineOperation({
    method: 'post',
    path: '/api/jobs/diff',
    operationId: 'runDiffJobs',
    summary: 'Run queued diff jobs in the background',
    description: 'For an external scheduler or an operator; jobs are claimed atomically, so calls may overlap.',
    tag,
    scope: 'input_sets:read',
    responses: { 202: { description: 'The worker was started.', schema: z.object({ status: z.literal('started') }) } },
  }),
}
