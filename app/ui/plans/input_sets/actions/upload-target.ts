import type { UploadTarget } from '@/components/upload-form-state'
import type { ReadAccess } from '@/lib/auth/access'
import { NotFoundError } from '@/lib/errors'
import { getInputSetDetail } from '@/lib/input-sets/queries/detail'

/** What an upload to `label` would do: start the label, supersede a draft, or queue behind a ready revision. */
export async function describeUploadTarget(access: ReadAccess, label: string): Promise<UploadTarget> {
  try {
    const detail = await getInputSetDetail(access, label)
    const ready = detail.revisions.find((r) => r.status === 'ready')
    const draft = detail.revisions.find((r) => r.status === 'draft')
    return {
      exists: true,
      configVersionId: detail.config_version_id,
      ready: ready?.number ?? null,
      draft: draft ? { number: draft.number, uploadedBy: draft.uploaded_by } : null,
      current: detail.revision.number,
    }
  } catch (err) {
    if (err instanceof NotFoundError) return { exists: false }
    throw err
  }
}
