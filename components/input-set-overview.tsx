import Link from 'next/link'
import type { RevisionStatus } from '@/lib/input-sets/labels'
import type { InputSetDetail } from '@/lib/input-sets/queries/detail'
import { InputSetHash } from './input-set-hash'
import { inputSetHref } from './input-set-links'
import { DateTime } from './input-set-time'
import { StatusPill } from './status-pill'

const MEANING: Record<RevisionStatus, string> = {
  draft: 'Waiting for review.',
  ready: 'Approved; plans use it.',
  superseded: 'Replaced by a newer approval.',
  archived: 'Archived; plans do not use it.',
}

const count = new Intl.NumberFormat('en-US')

type Props = { detail: InputSetDetail; configVersionName: string | null; timeZone: string }

/** The review facts of one revision, as cards: what it is, who uploaded and approved it, where it came from. */
export function InputSetOverview({ detail, configVersionName, timeZone }: Props) {
  const { revision: rev, label } = detail
  const draft = detail.revisions.find((r) => r.status === 'draft' && r.number !== rev.number)
  const ready = detail.revisions.find((r) => r.status === 'ready' && r.number !== rev.number)
  const rows = detail.sections.filter((s) => s.section !== 'planning_params').reduce((n, s) => n + s.rows, 0)
  return (
    <div className="cards">
      <Card id="status" title="Status">
        <p>
          <StatusPill status={rev.status} />
        </p>
        <p className="card-note">{MEANING[rev.status]}</p>
        {draft && (
          <p className="card-note">
            <Link href={inputSetHref(`${label}@draft`)}>Draft r{draft.number}</Link> awaits review.
          </p>
        )}
        {ready && (
          <p className="card-note">
            Approved: <Link href={inputSetHref(`${label}@${ready.number}`)}>r{ready.number}</Link>.
          </p>
        )}
      </Card>
      <Card id="revision" title="Revision">
        <p className="card-big">r{rev.number}</p>
        <p className="card-note">
          of {detail.revisions.length} · {count.format(rows)} rows
        </p>
      </Card>
      <Card id="uploaded" title="Uploaded">
        <p>{rev.uploaded_by}</p>
        <p className="card-note">
          <DateTime iso={rev.uploaded_at} timeZone={timeZone} />
        </p>
        {rev.upload_comment && <p className="card-comment">“{rev.upload_comment}”</p>}
      </Card>
      <Card id="approved" title="Approved">
        {rev.approved_by ? (
          <>
            <p>{rev.approved_by}</p>
            <p className="card-note">
              <DateTime iso={rev.approved_at} timeZone={timeZone} />
            </p>
          </>
        ) : (
          <p className="muted">Not approved</p>
        )}
        {rev.review_comment && <p className="card-comment">“{rev.review_comment}”</p>}
      </Card>
      <Card id="origin" title="Config & source">
        <p>
          Config version {detail.config_version_id}
          {configVersionName && <span className="muted"> · {configVersionName}</span>}
        </p>
        <p className="card-note">Source file: {rev.source_name ? <code>{rev.source_name}</code> : '—'}</p>
        {detail.meta.description && <p className="card-note">{detail.meta.description}</p>}
      </Card>
      <Card id="hash" title="Content hash" wide>
        <InputSetHash hash={rev.content_hash} />
        {rev.approved_hash && rev.approved_hash !== rev.content_hash && <p className="card-warning">The approval recorded a different hash: {rev.approved_hash}</p>}
      </Card>
    </div>
  )
}

function Card({ id, title, wide, children }: { id: string; title: string; wide?: boolean; children: React.ReactNode }) {
  return (
    <section className={wide ? 'card card-wide' : 'card'} aria-labelledby={`card-${id}`}>
      <h2 id={`card-${id}`}>{title}</h2>
      {children}
    </section>
  )
}
