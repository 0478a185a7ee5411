import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { after } from 'next/server'
import { formatDateTime } from '@/components/format-time'
import { ImpactPanel } from '@/components/impact/impact-panel'
import { InputSetTabs } from '@/components/input-set-tabs'
import { ReviewForm, type OfferedAction } from '@/components/review-form'
import { ReviewFormChanges } from '@/components/review-form-changes'
import styles from '@/components/review-form.module.css'
import { StatusPill } from '@/components/status-pill'
import { hasScope } from '@/lib/auth/principal'
import { kickDiffWorker } from '@/lib/diff/background'
import { requestDiff } from '@/lib/diff/request'
import { env } from '@/lib/env'
import { requestImpact } from '@/lib/impact/request'
import { LABEL_PATTERN } from '@/lib/input-sets/labels'
import { commentRequired, reviewOffers, type ReviewVerb } from '@/lib/input-sets/review-rules'
import { reviewRevision } from '../../actions/review'
import { pageAccess } from '../../../../current-principal'
import { ACTION_LABELS, type ReviewData } from '@/components/review-form-state'
import { loadReviewData } from './review-data'
import { refFromSegment } from '../../ref-segment'
import { missingInputSet } from '../segment-ref'

// Reads the session and the database on every request.
export const dynamic = 'force-dynamic'

type Params = Promise<{ label: string }>

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const label = refFromSegment((await params).label)
  return { title: LABEL_PATTERN.test(label) ? `Review ${label}` : 'Review' }
}

function effectOf(action: ReviewVerb, data: ReviewData): string {
  const r = `r${data.subject.revision.number}`
  switch (action) {
    case 'approve':
      return data.ready ? `${r} becomes the ready revision; r${data.ready.revision.number} is superseded (still readable).` : `${r} becomes the ready revision.`
    case 'request_changes':
      return `${r} stays a pending draft; your comment is shown to its uploader on the set's page and kept in the history. Nobody else is notified.`
    case 'revert':
      return `${r} goes back to draft and its approval is cleared; the label has no ready revision until one is approved.`
    case 'archive':
      return `${r} is retired: read-only, kept for traceability. Refused while a plan or run uses it.`
    case 'restore':
      return `${r} comes back as a draft for review.`
  }
}

/** `A`, `A and B`, `A, B and C`. */
function listed(words: string[]): string {
  return words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`
}

export default async function ReviewPage({ params }: { params: Params }) {
  const label = refFromSegment((await params).label)
  if (!LABEL_PATTERN.test(label)) notFound()
  const access = await pageAccess()
  const { principal } = access
  if (await missingInputSet(label)) notFound()
  const detailHref = `/ui/plans/input_sets/${encodeURIComponent(label)}`
  const data = await loadReviewData(access, label)

  const { subject } = data
  const rev = subject.revision
  // The draft against the ready revision, from the diff cache, and what approving it does to the
  // plan, from the impact cache; a missing report is queued, never computed here.
  const draftRefs = data.ready && rev.status === 'draft' ? ({ current: { label, kind: 'draft' }, against: { label, kind: 'current' } } as const) : undefined
  const requester = { requestedBy: principal.actor.name }
  const diff = draftRefs ? await requestDiff(access, draftRefs, requester) : undefined
  const impact = draftRefs ? await requestImpact(access, draftRefs, requester) : undefined
  if (diff?.state === 'queued' || impact?.state === 'queued') after(() => kickDiffWorker())
  const zone = env().DISPLAY_TIME_ZONE
  const uploadedByYou = rev.uploaded_by === principal.actor.name
  const viewer = { mayReview: hasScope(principal, 'input_sets:review'), role: principal.role, uploadedIt: uploadedByYou, fourEyes: env().FOUR_EYES }
  const offers = reviewOffers(rev.status, viewer)
  const actions: OfferedAction[] = offers
    .filter((o) => !o.refusal)
    .map(({ action }) => ({ action, effect: effectOf(action, data), commentRequired: commentRequired(action, env().REQUIRE_REVIEW_COMMENT) }))
  // Actions refused for one reason share a line (a viewer's role refuses all of them at once).
  const withheld = new Map<string, ReviewVerb[]>()
  for (const o of offers) if (o.refusal) withheld.set(o.refusal.reason, [...(withheld.get(o.refusal.reason) ?? []), o.action])

  return (
    <>
      <p className="breadcrumb">
        <Link href="/ui/plans/input_sets">Input sets</Link> / <Link href={detailHref}>{label}</Link> / Review
      </p>
      <h1>
        Review {label} <span className={styles.rev}>r{rev.number}</span> <StatusPill status={rev.status} />
      </h1>
      <InputSetTabs refText={label} label={label} active="review" />
      {impact && <ImpactPanel impact={impact} />}

      <div className={styles.layout}>
        <section className={styles.card} aria-labelledby="revision-heading">
          <h2 id="revision-heading">{rev.status === 'draft' ? 'Draft under review' : 'Current revision'}</h2>
          <dl className={styles.facts}>
            <dt>Status</dt>
            <dd>
              <StatusPill status={rev.status} /> revision r{rev.number} of {subject.revisions.length}
            </dd>
            <dt>Uploaded by</dt>
            <dd>
              {rev.uploaded_by}
              {uploadedByYou && <span className="muted"> (you)</span>} · {formatDateTime(rev.uploaded_at, zone)}
            </dd>
            <dt>Upload comment</dt>
            <dd>{rev.upload_comment ?? <span className="muted">—</span>}</dd>
            <dt>Config version</dt>
            <dd>{subject.config_version_id}</dd>
            <dt>Content hash</dt>
            <dd>
              <code className={styles.hash}>{rev.content_hash}</code>
            </dd>
            {rev.approved_by && (
              <>
                <dt>Approved by</dt>
                <dd>
                  {rev.approved_by} · {formatDateTime(rev.approved_at, zone)}
                  {rev.review_comment && <> — {rev.review_comment}</>}
                  {rev.approved_hash !== rev.content_hash && (
                    <span className={styles.mismatch}> The approved hash {rev.approved_hash} differs from the content hash.</span>
                  )}
                </dd>
              </>
            )}
          </dl>

          <h2>Decision</h2>
          {withheld.size > 0 && (
            <ul className={styles.notOffered} aria-label="Not offered to you">
              {[...withheld].map(([reason, refused]) => (
                <li key={reason}>
                  <strong>{listed(refused.map((a) => ACTION_LABELS[a].button))}</strong> {refused.length === 1 ? 'is' : 'are'} not offered: {reason}.
                </li>
              ))}
            </ul>
          )}
          {actions.length > 0 && <ReviewForm action={reviewRevision} label={label} revision={rev.number} actions={actions} />}
        </section>

        <ReviewFormChanges label={label} data={data} diff={diff} />
      </div>
    </>
  )
}
