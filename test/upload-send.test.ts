// The portal upload form's sending rules (components/upload-send.ts): the size check before
// sending, the multipart fields in the REST schema's terms, and the endpoint's answers as form state.
// npm test: database-free
import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { UploadTarget } from '../components/upload-form-state'
import { sizeRefusal, uploadBody, uploadOutcome } from '../components/upload-send'
import { uploadFields } from '../lib/input-sets/schema'

const MiB = 1024 * 1024
const target: UploadTarget = { exists: false }

test('files over MAX_UPLOAD_BYTES are refused with a message before anything is sent', () => {
  assert.equal(sizeRefusal([{ size: MiB }, { size: MiB }], 2 * MiB), undefined)
  assert.equal(
    sizeRefusal([{ size: 2 * MiB }, { size: MiB / 2 }], 2 * MiB),
    'The files come to 2.5 MiB; one upload may hold at most 2 MiB. Split the bundle or ask an operator to raise MAX_UPLOAD_BYTES.',
  )
})

test('the body carries the fields as uploadFields reads them, then the files', () => {
  const files = [new File(['a'], 'demand_family.csv'), new File(['b'], 'capacity.csv')]
  const body = uploadBody({ mode: 'validate', files, label: ' fy25-x ', configVersionId: '2', comment: '  ', inherit: false })
  assert.deepEqual([...body.keys()], ['label', 'config_version_id', 'inherit', 'validate_only', 'files', 'files'])
  const text = Object.fromEntries([...body.entries()].filter(([, v]) => typeof v === 'string'))
  assert.deepEqual(uploadFields.parse(text), { label: 'fy25-x', configVersionId: 2, comment: null, inherit: false, validateOnly: true, replaceDraft: false })
  assert.deepEqual(
    body.getAll('files').map((f) => (f as File).name),
    ['demand_family.csv', 'capacity.csv'],
  )

  const create = uploadBody({ mode: 'create', files, label: 'fy25-x', configVersionId: '2', comment: ' JIRA-1 ', inherit: true })
  const fields = Object.fromEntries([...create.entries()].filter(([, v]) => typeof v === 'string'))
  assert.deepEqual(uploadFields.parse(fields), { label: 'fy25-x', configVersionId: 2, comment: 'JIRA-1', inherit: true, validateOnly: false, replaceDraft: false })

  // replace_draft is sent only once the user has confirmed replacing a colleague's draft.
  const replace = uploadBody({ mode: 'create', files, label: 'fy25-x', configVersionId: '2', comment: '', inherit: true, replaceDraft: true })
  assert.equal(replace.get('replace_draft'), 'true')
  assert.equal(uploadFields.parse(Object.fromEntries([...replace.entries()].filter(([, v]) => typeof v === 'string'))).replaceDraft, true)
})

test("the endpoint's answers become the form's state", () => {
  const report = { label: 'fy25-x', ok: true }
  assert.deepEqual(uploadOutcome('validate', target, ['a.csv'], 200, { report }), { kind: 'report', mode: 'validate', report, target, files: ['a.csv'] })
  assert.deepEqual(uploadOutcome('create', target, ['a.csv'], 201, { input_set: { label: 'fy25-x', revision: 1 }, report }), {
    kind: 'report',
    mode: 'create',
    report,
    target,
    files: ['a.csv'],
  })
  // A report with errors is a 422 whose details carry the report: shown as a report, not an error.
  const failed = { label: 'fy25-x', ok: false }
  const blocked = { error: { code: 'validation_failed', message: '2 errors', details: { report: failed } } }
  assert.deepEqual(uploadOutcome('validate', target, [], 422, blocked), { kind: 'report', mode: 'validate', report: failed, target, files: [] })
  // Other errors keep their message and the field they concern.
  const invalid = { error: { code: 'invalid', message: 'config_version_id is required', details: { field: 'config_version_id' } } }
  assert.deepEqual(uploadOutcome('validate', target, [], 400, invalid), {
    kind: 'error',
    mode: 'validate',
    message: 'config_version_id is required',
    field: 'config_version_id',
  })
  assert.deepEqual(uploadOutcome('create', target, [], 403, { error: { code: 'forbidden', message: 'Cross-site request refused' } }), {
    kind: 'error',
    mode: 'create',
    message: 'Cross-site request refused',
    field: undefined,
  })
  // A colleague's pending draft: the form asks before sending again with replace_draft.
  const pendingDraft = {
    error: { code: 'draft_pending', message: "'fy25-x' has a pending draft r2 uploaded by bob", details: { label: 'fy25-x', revision: 2, uploaded_by: 'bob' } },
  }
  assert.deepEqual(uploadOutcome('create', target, [], 409, pendingDraft), {
    kind: 'draft_pending',
    mode: 'create',
    message: "'fy25-x' has a pending draft r2 uploaded by bob",
    label: 'fy25-x',
    revision: 2,
    uploadedBy: 'bob',
  })
  assert.match((uploadOutcome('create', target, [], 401, null) as { message: string }).message, /session has ended/)
  assert.match((uploadOutcome('create', target, [], 413, null) as { message: string }).message, /larger than the server accepts/)
  assert.match((uploadOutcome('create', target, [], 502, null) as { message: string }).message, /server answered 502/)
})
