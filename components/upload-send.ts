// How the upload page sends its files: straight from the browser to POST /api/plans/input_sets,
// which streams them to disk. A server action would have Next read the whole body into memory.
// XMLHttpRequest rather than fetch, for upload progress. The session cookie authenticates the
// request and the browser's Origin header satisfies the route's same-origin check.
import { formatBytes, type UploadMode, type UploadState, type UploadTarget } from './upload-form-state'
import type { ValidationReport } from '@/lib/input-sets/bundle/report'

export const UPLOAD_ENDPOINT = '/api/plans/input_sets'

export type UploadRequest = {
  mode: UploadMode
  files: File[]
  label: string
  configVersionId: string
  comment: string
  inherit: boolean
  /** Supersede a colleague's pending draft (sent only after the user confirmed it). */
  replaceDraft?: boolean
}

export type UploadProgress = { loaded: number; total: number }

/** The refusal to show instead of sending, or undefined when the files may be sent. */
export function sizeRefusal(files: { size: number }[], maxUploadBytes: number): string | undefined {
  const total = files.reduce((sum, f) => sum + f.size, 0)
  if (total <= maxUploadBytes) return undefined
  return `The files come to ${formatBytes(total)}; one upload may hold at most ${formatBytes(maxUploadBytes)}. Split the bundle or ask an operator to raise MAX_UPLOAD_BYTES.`
}

/** The multipart body in the REST schema's terms (uploadFields): text fields first, then the files. */
export function uploadBody(r: UploadRequest): FormData {
  const form = new FormData()
  form.append('label', r.label.trim())
  form.append('config_version_id', r.configVersionId)
  const comment = r.comment.trim()
  if (comment) form.append('comment', comment)
  // Sent either way: an absent field would mean the schema's default (true).
  form.append('inherit', r.inherit ? 'true' : 'false')
  form.append('validate_only', r.mode === 'validate' ? 'true' : 'false')
  if (r.replaceDraft) form.append('replace_draft', 'true')
  for (const file of r.files) form.append('files', file, file.name)
  return form
}

type ErrorBody = { error?: { code?: unknown; message?: unknown; details?: unknown } }

/** The endpoint's answer as the form's state: a report (also a blocking one), or a message tied to a field. */
export function uploadOutcome(mode: UploadMode, target: UploadTarget, files: string[], status: number, body: unknown): UploadState {
  const report = reportIn(status, body)
  if (report) return { kind: 'report', mode, report, target, files }
  const error = (body as ErrorBody | null)?.error
  const message = typeof error?.message === 'string' ? error.message : undefined
  const details = error?.details as { field?: unknown; label?: unknown; revision?: unknown; uploaded_by?: unknown } | undefined
  const field = details && typeof details.field === 'string' ? details.field : undefined
  if (status === 409 && error?.code === 'draft_pending' && message && details) {
    const { label, revision, uploaded_by } = details
    if (typeof label === 'string' && typeof revision === 'number' && typeof uploaded_by === 'string') {
      return { kind: 'draft_pending', mode: 'create', message, label, revision, uploadedBy: uploaded_by }
    }
  }
  if (status === 401) return { kind: 'error', mode, message: 'Your session has ended. Sign in again in another tab, then retry here.' }
  if (message) return { kind: 'error', mode, message, field }
  if (status === 413) return { kind: 'error', mode, message: 'The upload is larger than the server accepts; nothing was imported.', field: 'files' }
  return { kind: 'error', mode, message: `The server answered ${status || 'nothing'}; nothing was imported. Try again, or ask the Planning Hub operators.` }
}

function reportIn(status: number, body: unknown): ValidationReport | undefined {
  if (!body || typeof body !== 'object') return undefined
  if (status === 200 || status === 201) return (body as { report?: ValidationReport }).report
  const error = (body as ErrorBody).error
  if (error?.code !== 'validation_failed') return undefined
  return (error.details as { report?: ValidationReport } | undefined)?.report
}

/** Sends one upload; resolves with the status and parsed JSON body (null when there is none), rejects on a network failure or abort. */
export function sendUpload(r: UploadRequest, onProgress: (p: UploadProgress) => void, signal?: AbortSignal): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', UPLOAD_ENDPOINT)
    xhr.responseType = 'text'
    xhr.setRequestHeader('accept', 'application/json')
    xhr.upload.onprogress = (e) => onProgress({ loaded: e.loaded, total: e.lengthComputable ? e.total : 0 })
    xhr.onload = () => {
      let body: unknown = null
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null
      } catch {
        body = null
      }
      resolve({ status: xhr.status, body })
    }
    xhr.onerror = () => reject(new Error('network'))
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'))
    signal?.addEventListener('abort', () => xhr.abort(), { once: true })
    xhr.send(uploadBody(r))
  })
}
