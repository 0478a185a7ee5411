// The plan and run endpoints as documented operations (see lib/openapi/operation.ts).
import { z } from 'zod'
import { defineOperation } from '../openapi/operation'
import { ARTIFACT_NAMES } from './artifacts'
import { artifactDocumentSchema, planBodySchema, planPageSchema, runBodySchema, runPageSchema } from './responses'
import { createPlanBody, createRunBody, idParams, listQuery, runsCompatBody } from './schema'

// Only the known names: the file path is built from this list, never from the request.
const artifactParams = idParams.extend({ name: z.enum(ARTIFACT_NAMES, { error: `name must be one of ${ARTIFACT_NAMES.join(', ')}` }) })

export const planApi = {
  list: defineOperation({
    method: 'get',
    path: '/api/plans',
    operationId: 'listPlans',
    summary: 'List plans, newest first',
    tag: 'Plans',
    scope: 'input_sets:read',
    query: listQuery,
    responses: { 200: { description: 'One page of plans.', schema: planPageSchema } },
  }),
  create: defineOperation({
    method: 'post',
    path: '/api/plans',
    operationId: 'createPlan',
    summary: 'Make a rough-cut plan from a ready revision',
    tag: 'Plans',
    scope: 'plans:write',
    body: createPlanBody,
    responses: {
      201: { description: 'The plan.', schema: planBodySchema },
      404: { description: 'No such input set or config version.' },
      409: { description: 'The revision is not ready, or belongs to another config version.' },
    },
  }),
  detail: defineOperation({
    method: 'get',
    path: '/api/plans/{id}',
    operationId: 'getPlan',
    summary: 'One plan: input set, periods, summary, artifacts, warnings',
    tag: 'Plans',
    scope: 'input_sets:read',
    params: idParams,
    responses: { 200: { description: 'The plan.', schema: planBodySchema } },
  }),
  artifact: defineOperation({
    method: 'get',
    path: '/api/plans/{id}/artifacts/{name}',
    operationId: 'downloadPlanArtifact',
    summary: 'Download a plan artifact',
    tag: 'Plans',
    scope: 'input_sets:read',
    params: artifactParams,
    responses: {
      200: {
        description: 'The artifact as a download.',
        schema: artifactDocumentSchema,
        headers: { 'x-sha256': { description: 'SHA-256 of the file, as recorded when it was written.' } },
      },
    },
  }),
  listRuns: defineOperation({
    method: 'get',
    path: '/api/runs',
    operationId: 'listRuns',
    summary: 'List runs, newest first',
    tag: 'Runs',
    scope: 'input_sets:read',
    query: listQuery,
    responses: { 200: { description: 'One page of runs.', schema: runPageSchema } },
  }),
  createRun: defineOperation({
    method: 'post',
    path: '/api/runs',
    operationId: 'createRun',
    summary: 'Start a run of a plan, of a label, or an explicitly legacy run',
    tag: 'Runs',
    scope: 'plans:write',
    body: createRunBody,
    responses: {
      201: { description: 'The run.', schema: runBodySchema },
      404: { description: 'No such plan, input set or config version.' },
      409: { description: 'The revision is not ready, or belongs to another config version.' },
    },
  }),
  run: defineOperation({
    method: 'get',
    path: '/api/runs/{id}',
    operationId: 'getRun',
    summary: 'One run: plan, input set, warnings, artifacts',
    tag: 'Runs',
    scope: 'input_sets:read',
    params: idParams,
    responses: { 200: { description: 'The run.', schema: runBodySchema } },
  }),
  runsCompat: defineOperation({
    method: 'post',
    path: '/runs',
    operationId: 'createRunCompat',
    summary: 'Start a run (the older entrypoint)',
    description: 'Same rules as POST /api/runs; every option as sent, unknown ones too, is kept with the run.',
    tag: 'Runs',
    scope: 'plans:write',
    body: runsCompatBody,
    responses: {
      201: { description: 'The run.', schema: runBodySchema },
      404: { description: 'No such plan, input set or config version.' },
      409: { description: 'The revision is not ready, or belongs to another config version.' },
    },
  }),
}
