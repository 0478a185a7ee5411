import type { ReviewData, SectionChange } from '@/components/review-form-state'
import type { ReadAccess } from '@/lib/auth/access'
import { NotFoundError } from '@/lib/errors'
import { getInputSetDetail, type InputSetDetail } from '@/lib/input-sets/queries/detail'

export async function loadReviewData(access: ReadAccess, label: string): Promise<ReviewData> {
  const subject = await getInputSetDetail(access, `${label}@draft`).catch((err: unknown) => {
    if (err instanceof NotFoundError) return getInputSetDetail(access, label)
    throw err
  })
  const readyNumber = subject.revision.status === 'draft' ? subject.revisions.find((r) => r.status === 'ready')?.number : undefined
  const ready = readyNumber === undefined ? null : await getInputSetDetail(access, `${label}@${readyNumber}`)
  return { subject, ready, changes: ready ? sectionChanges(ready, subject) : [] }
}

/** Per-section comparison by hash and row count: what a reviewer checks before opening the full diff. */
function sectionChanges(ready: InputSetDetail, subject: InputSetDetail): SectionChange[] {
  const before = new Map(ready.sections.filter((s) => s.rows > 0).map((s) => [s.section, s]))
  const after = new Map(subject.sections.filter((s) => s.rows > 0).map((s) => [s.section, s]))
  const order = [...subject.sections, ...ready.sections].map((s) => s.section)
  return [...new Set(order)]
    .filter((section) => before.has(section) || after.has(section))
    .map((section) => {
      const a = before.get(section)
      const b = after.get(section)
      const change = !a ? 'added' : !b ? 'removed' : a.sha256 === b.sha256 ? 'unchanged' : 'changed'
      return { section, readyRows: a?.rows ?? null, rows: b?.rows ?? null, change }
    })
}
