// The diff endpoints as documented operations (see lib/openapi/operation.ts).
import { z } from 'zod'
import { SECTION_STEMS } from '../input-sets/bundle/sections'
import { parsedRefParams } from '../input-sets/schema'
import { defineOperation, type ResponseSpec } from '../openapi/operation'
import { diffPendingSchema, diffReportPageSchema } from './responses'
import { diffQuery, diffRowsQuery } from './schema'

const tag = 'Diff'

/** The CSV download's path: the ref and one section. */
export const diffRowsParams = parsedRefParams.extend({ section: z.enum(SECTION_STEMS, { error: `section must be one of ${SECTION_STEMS.join(', ')}` }) })

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
  params: parsedRefParams,
  query: diffQuery,
  responses: answers,
} as const

export const diffApi = {
  read: defineOperation({
    ...base,
    method: 'get',
    operationId: 'getDiff',
    conditional: true,
    summary: 'The diff of a revision against another',
    description:
      'Without `against`: a draft is compared with its label’s ready revision, a ready revision with the label’s previous ready revision; with nothing to compare the answer is 400 `no_reference`. Refs that resolve to the same two revisions share one report. The first request queues a background job. A ready report carries an ETag of both revisions’ content and the view; it is immutable when both refs are `label@N`.',
  }),
  retry: defineOperation({
    ...base,
    method: 'post',
    operationId: 'requeueDiff',
    summary: 'Queue a new diff job, even after a failure',
  }),
  rowsCsv: defineOperation({
    method: 'get',
    path: '/api/plans/input_sets/{label}/diff/rows/{section}',
    operationId: 'downloadDiffRows',
    conditional: true,
    summary: 'One section’s changed, added or removed rows as CSV',
    description: 'From the cached report; until it is ready the answer is the diff endpoint’s (202 with the job, 500 for a failed one).',
    tag,
    scope: 'input_sets:read',
    params: diffRowsParams,
    query: diffRowsQuery,
    responses: {
      200: { description: 'The rows as CSV.', mediaType: 'text/csv' },
      202: answers[202],
      500: answers[500],
    },
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
