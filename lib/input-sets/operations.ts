// The input-set endpoints as documented operations: each route hands its entry to withApi
// (scope and schemas) and lib/openapi/document.ts describes it from the same entry.
import { z } from 'zod'
import { env } from '../env'
import { defineOperation } from '../openapi/operation'
import { validationReportSchema } from './bundle/report'
import { inputSetDetailSchema } from './queries/detail'
import { eventsBodySchema } from './queries/events'
import { inputSetPageSchema } from './queries/list'
import { sectionRowsSchema } from './queries/rows'
import { eventsQuery, exportQuery, listQuery, manualEventBody, refParams, reviewBody, rowsParams, rowsQuery, uploadFields, uploadQuery } from './schema'
import { uploadResultSchema } from './verbs/import-upload'
import { manualEventResultSchema } from './verbs/log-event'
import { requestChangesResultSchema } from './verbs/request-changes'
import { reviewResultSchema } from './verbs/review'

const tag = 'Input sets'
const SETS = '/api/plans/input_sets'

export const inputSetApi = {
  list: defineOperation({
    method: 'get',
    path: SETS,
    operationId: 'listInputSets',
    summary: 'List input sets',
    description: 'One page of sets, each with the revision its label resolves to (ready, else the newest in play), and the count per status.',
    tag,
    scope: 'input_sets:read',
    query: listQuery,
    responses: { 200: { description: 'One page of sets.', schema: inputSetPageSchema } },
  }),
  upload: defineOperation({
    method: 'post',
    path: SETS,
    operationId: 'uploadInputSet',
    summary: 'Upload a bundle as a new draft',
    description:
      'The bundle files (or one .zip) under `files`, with the label and config version. `validate_only=true` writes nothing and answers 200 with the report. Bundle format: docs/bundles.md.',
    tag,
    scope: 'input_sets:write',
    query: uploadQuery,
    body: uploadFields,
    multipart: {
      fileField: 'files',
      maxBytes: () => env().MAX_UPLOAD_BYTES,
      fileDescription: 'The bundle files (CSV and JSON by their section names) or one .zip holding them.',
    },
    responses: {
      200: { description: 'validate_only: the report; nothing was written.', schema: z.object({ report: validationReportSchema }) },
      201: { description: 'The new draft and its report.', schema: uploadResultSchema },
      404: { description: 'No such config version.' },
      409: {
        description:
          'Another person’s draft of the label is pending (`draft_pending`, naming its uploader and revision; send `replace_draft=true` to supersede it), the label belongs to another config version, or another upload of it is in progress.',
      },
      422: { description: 'The report has errors (`validation_failed`); `details.report` holds it. Nothing was written.' },
    },
  }),
  detail: defineOperation({
    method: 'get',
    path: `${SETS}/{label}`,
    operationId: 'getInputSet',
    conditional: true,
    summary: 'One revision with its sections and history',
    description:
      'The path names `label` (its ready revision, else its newest), `label@draft` or `label@N`. The ETag covers the revision’s content and the label’s review history, so even `label@N` is revalidated (`no-cache`).',
    tag,
    scope: 'input_sets:read',
    params: refParams,
    responses: { 200: { description: 'The revision.', schema: inputSetDetailSchema } },
  }),
  review: defineOperation({
    method: 'post',
    path: `${SETS}/{label}/review`,
    operationId: 'reviewInputSet',
    summary: 'Approve, request changes on, revert, archive or restore a revision',
    description:
      'The actor is the caller. Approval follows the four-eyes rule (docs/revisions.md). `comment` is required for request_changes, revert and archive (and for approve with REQUIRE_REVIEW_COMMENT=true); request_changes records the comment on the pending draft and changes no status.',
    tag,
    scope: 'input_sets:review',
    params: refParams,
    body: reviewBody,
    responses: {
      200: { description: 'The revision after the verb, or the recorded change request.', schema: z.union([reviewResultSchema, requestChangesResultSchema]) },
      409: { description: 'The transition is not allowed from the revision’s status, or another request changed it first.' },
    },
  }),
  export: defineOperation({
    method: 'get',
    path: `${SETS}/{label}/export`,
    operationId: 'exportInputSet',
    conditional: true,
    summary: 'Download a revision as a bundle zip',
    description:
      'The zip re-imports to the identical content hash. Its datapackage.json records the revision’s status and approval, so the ETag covers them and even `label@N` is revalidated (`no-cache`). A 304 exports nothing and records no export event.',
    tag,
    scope: 'input_sets:read',
    params: refParams,
    query: exportQuery,
    responses: {
      200: {
        description: 'The bundle zip.',
        mediaType: 'application/zip',
        headers: {
          'x-content-hash': { description: 'The revision’s content hash.' },
          'x-revision': { description: 'The revision number exported.', schema: { type: 'integer' } },
        },
      },
    },
  }),
  rows: defineOperation({
    method: 'get',
    path: `${SETS}/{label}/rows/{section}`,
    operationId: 'listSectionRows',
    conditional: true,
    summary: 'One page of a section’s rows in key order',
    description: 'With `label@N` the page never changes: it is cached as immutable.',
    tag,
    scope: 'input_sets:read',
    params: rowsParams,
    query: rowsQuery,
    responses: { 200: { description: 'One page of rows.', schema: sectionRowsSchema } },
  }),
  events: defineOperation({
    method: 'get',
    path: `${SETS}/{label}/events`,
    operationId: 'listInputSetEvents',
    summary: 'The label’s event history, newest first',
    description: 'With `label@N` or `label@draft` the body is still the label’s whole history, and `ref` names the revision whose own events carry its number.',
    tag,
    scope: 'input_sets:read',
    params: refParams,
    query: eventsQuery,
    responses: { 200: { description: 'The events.', schema: eventsBodySchema } },
  }),
  logEvent: defineOperation({
    method: 'post',
    path: `${SETS}/{label}/events`,
    operationId: 'logManualEvent',
    summary: 'Append a manual event (note, record_approval)',
    description:
      'The actor is the caller; the event is marked `metadata.manual = true` and changes no status (docs/revisions.md, "Manual events"). A comment is required.',
    tag,
    scope: 'input_sets:review',
    params: refParams,
    body: manualEventBody,
    responses: {
      201: { description: 'The event as written.', schema: manualEventResultSchema },
      409: { description: '`record_approval` of a revision that is not approved (`not_approved`).' },
    },
  }),
}
