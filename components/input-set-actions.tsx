import Link from 'next/link'
import type { ReactNode } from 'react'
import type { DetailAction } from '@/lib/input-sets/detail-actions'
import type { CreatePlanState } from './plans/create-plan-state'
import { CreatePlanButton } from './create-plan-button'
import { diffHref, exportHref, reviewHref, uploadHref } from './input-set-links'

type Props = {
  /** What the viewer is offered, in order (lib/input-sets/detail-actions.ts). */
  actions: DetailAction[]
  label: string
  /** The reference of the page's address (label, label@draft, label@N). */
  refText: string
  /** The revision shown, pinned (label@N). */
  pinned: string
  draftNumber: number | null
  configVersionId: number
  createPlan: (previous: CreatePlanState, form: FormData) => Promise<CreatePlanState>
}

/** The detail page's actions, above everything else. */
export function InputSetActions({ actions, label, refText, pinned, draftNumber, configVersionId, createPlan }: Props) {
  const render: Record<DetailAction, () => ReactNode> = {
    upload: () => (
      <Link className="button" href={`${uploadHref}?label=${encodeURIComponent(label)}`}>
        Upload new revision
      </Link>
    ),
    review: () => (
      <Link className="button" href={reviewHref(label)}>
        Review draft r{draftNumber}
      </Link>
    ),
    create_plan: () => <CreatePlanButton action={createPlan} inputSetRef={pinned} configVersionId={configVersionId} />,
    diff: () => (
      <Link className="button button-secondary" href={diffHref(refText)} prefetch={false}>
        Diff
      </Link>
    ),
    export: () => (
      <a className="button button-secondary" href={exportHref(pinned)} download>
        Export zip
      </a>
    ),
  }
  return (
    <div className="page-actions" role="group" aria-label="Actions">
      {actions.map((a) => (
        <span key={a}>{render[a]()}</span>
      ))}
    </div>
  )
}
