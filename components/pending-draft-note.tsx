import Link from 'next/link'
import type { PendingDraft } from '@/lib/input-sets/queries/list'
import { reviewHref } from './input-set-links'

/** `3 min`, `5 h`, `2 d`: how long a draft has waited, coarse on purpose. */
export function formatAge(seconds: number): string {
  if (seconds < 60) return 'just now'
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`
  if (seconds < 2 * 86400) return `${Math.floor(seconds / 3600)} h ago`
  return `${Math.floor(seconds / 86400)} d ago`
}

/** An e-mail address that may wrap before its '@' (the list's column is narrow), never inside a word. */
function breakableAtSign(name: string) {
  const at = name.indexOf('@')
  if (at <= 0) return name
  return (
    <>
      {name.slice(0, at)}
      <wbr />
      {name.slice(at)}
    </>
  )
}

/**
 * A label's pending draft in the list: a link to its review page, who uploaded it and how long
 * it has waited, and "waiting for you" when the viewer may approve it (four-eyes included).
 */
export function PendingDraftNote({ label, draft, shownRevision }: { label: string; draft: PendingDraft; shownRevision: number }) {
  return (
    <span className="pending-draft">
      <Link className="note" href={reviewHref(label)} prefetch={false}>
        {draft.revision === shownRevision ? 'awaiting review' : `draft r${draft.revision} pending`}
      </Link>
      <span className="sub">
        by {breakableAtSign(draft.uploaded_by)} · {formatAge(draft.age_seconds)}
      </span>
      {draft.waiting_for_you && <span className="waiting-for-you">waiting for you</span>}
    </span>
  )
}
