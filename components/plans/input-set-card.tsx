import Link from 'next/link'
import type { RevisionStatus } from '@/lib/input-sets/labels'
import type { InputSetCard as Card } from '@/lib/plans/read-plan'
import { InputSetHash } from '../input-set-hash'
import { diffHref, exportHref, inputSetHref } from '../input-set-links'
import { DateTime } from '../input-set-time'
import { StatusPill } from '../status-pill'

/** Which input set a plan or run used: label, revision, its status now, the hash it was planned from. */
export function InputSetCard({ card, timeZone }: { card: Card | null; timeZone: string }) {
  if (!card) {
    return (
      <section className="card card-wide" aria-labelledby="card-input-set">
        <h2 id="card-input-set">Input set</h2>
        <p className="card-warning">None: this is a legacy run without an input set.</p>
      </section>
    )
  }
  const at = card.revision !== null ? `${card.label}@${card.revision}` : card.ref
  return (
    <section className="card card-wide" aria-labelledby="card-input-set">
      <h2 id="card-input-set">Input set</h2>
      <p>
        <strong>{card.label}</strong> · revision r{card.revision ?? '—'} · requested as <code>{card.ref}</code> ·{' '}
        {card.status ? <StatusPill status={card.status as RevisionStatus} /> : <span className="card-warning">revision no longer exists</span>}
      </p>
      <p className="card-note">
        Approved by {card.approved_by ?? '—'} · <DateTime iso={card.approved_at} timeZone={timeZone} />
      </p>
      <p className="card-note">Content hash planned from:</p>
      {card.content_hash ? <InputSetHash hash={card.content_hash} /> : <p className="muted">—</p>}
      {card.status && card.status !== 'archived' && (
        <p className="card-note">
          <Link href={inputSetHref(at)}>Open {at}</Link> · <Link href={diffHref(card.label)}>Diff {card.label}</Link> ·{' '}
          <a href={exportHref(at)}>Export {at} (zip)</a>
        </p>
      )}
    </section>
  )
}
