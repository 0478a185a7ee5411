import Link from 'next/link'
import type { ChangeRequest } from '@/lib/input-sets/queries/change-requests'
import { reviewHref } from './input-set-links'
import { DateTime } from './input-set-time'

type Props = { label: string; requests: ChangeRequest[]; timeZone: string }

/** Changes a reviewer requested on the pending draft, newest first: what its uploader has to do next. */
export function ChangeRequests({ label, requests, timeZone }: Props) {
  if (requests.length === 0) return null
  const draft = requests[0].revision
  return (
    <section className="changes-requested" role="note" aria-labelledby="changes-requested-heading">
      <h2 id="changes-requested-heading" className="changes-requested-heading">
        Changes requested on draft r{draft}
      </h2>
      <ul>
        {requests.map((r, i) => (
          <li key={i}>
            <p className="card-comment">“{r.comment}”</p>
            <p className="card-note">
              {r.actor} · <DateTime iso={r.created_at} timeZone={timeZone} />
            </p>
          </li>
        ))}
      </ul>
      <p className="card-note">
        Upload a new revision with the changes (it replaces the draft), or see the <Link href={reviewHref(label)}>review page</Link>.
      </p>
    </section>
  )
}
