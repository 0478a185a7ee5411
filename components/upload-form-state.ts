// The upload form's state, and what its target action answers; shared by the page, the action and the form.
import type { ValidationReport } from '@/lib/input-sets/bundle/report'

/** Where an upload to a label lands, so the form can say what "Create draft" will do. */
export type UploadTarget =
  | { exists: false }
  | {
      exists: true
      configVersionId: number
      /** The ready revision, which stays in use until a new draft is approved. */
      ready: number | null
      /** The pending draft that a new upload supersedes. */
      draft: { number: number; uploadedBy: string } | null
      /** The revision absent sections would be inherited from. */
      current: number
    }

/** The upload page's server action's answer: where an upload to the label lands, or why it cannot. */
export type UploadTargetAnswer = { target: UploadTarget } | { error: string; field?: string }

export type UploadMode = 'validate' | 'create'

export type UploadState =
  | { kind: 'idle' }
  | { kind: 'error'; mode: UploadMode; message: string; field?: string }
  | { kind: 'report'; mode: UploadMode; report: ValidationReport; target: UploadTarget; files: string[] }
  /** Create draft was refused because a colleague's draft is pending; sending again with replace_draft supersedes it. */
  | { kind: 'draft_pending'; mode: 'create'; message: string; label: string; revision: number; uploadedBy: string }

export const IDLE: UploadState = { kind: 'idle' }

/** `1.5 MiB`, `12 KiB`: sizes as the upload limit is configured (binary units). */
export function formatBytes(n: number): string {
  const mib = n / (1024 * 1024)
  if (mib >= 1) return `${Number.isInteger(mib) ? mib : mib.toFixed(1)} MiB`
  return `${Math.max(1, Math.ceil(n / 1024))} KiB`
}
