import Link from 'next/link'
import type { Scope } from '@/lib/auth/principal'
import { actionsAllowed, type Warning, type WarningAction } from '@/lib/plans/warnings'
import { reviewHref } from '../input-set-links'
import type { ActionRefusal } from './action-refusal'
import { ActionButton } from './action-button'
import { plansHref } from './plan-links'

type Props = {
  warnings: Warning[]
  /** The viewer's scopes: an action is offered only to those who may take it. */
  scopes: readonly Scope[]
  /** Server action behind the Restore button. */
  restoreAction: (previous: ActionRefusal | null, form: FormData) => Promise<ActionRefusal>
  /** What the page shows (`plan 3`, `run 7`), kept in the restore event's comment. */
  subject: string
}

const ROLE_OF: Record<Scope, string> = {
  'input_sets:read': 'viewer',
  'metrics:read': 'viewer',
  'input_sets:write': 'editor',
  'plans:write': 'editor',
  'input_sets:review': 'approver',
}

function ActionControl({ action, restoreAction, subject }: { action: WarningAction } & Pick<Props, 'restoreAction' | 'subject'>) {
  switch (action.kind) {
    case 'restore_revision':
      return (
        <ActionButton action={restoreAction} fields={{ label: action.label, revision: action.revision, from: subject }} pendingText="Restoring…">
          {`Restore ${action.label}@${action.revision}`}
        </ActionButton>
      )
    case 'review_draft':
      return (
        <Link className="button" href={reviewHref(action.label)}>
          Review the new draft ({action.label} r{action.revision})
        </Link>
      )
    case 'plan_from_ready':
      return (
        <Link className="button" href={plansHref}>
          Plan from a ready input set
        </Link>
      )
  }
}

const ACTION_TEXT: Record<WarningAction['kind'], string> = {
  restore_revision: 'restore the archived revision',
  review_draft: 'review the new draft',
  plan_from_ready: 'plan from a ready input set',
}

/** The plan's or run's warnings, each with the commands that fix it and the buttons the viewer may use; never collapsed or hidden. */
export function WarningCards({ warnings, scopes, restoreAction, subject }: Props) {
  if (!warnings.length) return null
  return (
    <div className="warnings">
      {warnings.map((w, i) => {
        const allowed = actionsAllowed(w, scopes)
        const others = w.actions.filter((a) => !allowed.includes(a))
        return (
          <section key={i} className="warning-card" role="alert" aria-labelledby={`warning-${i}`} data-kind={w.kind}>
            <h2 id={`warning-${i}`}>{w.title}</h2>
            <p>{w.message}</p>
            {allowed.length > 0 && (
              <div className="warning-actions">
                {allowed.map((a) => (
                  <ActionControl key={a.kind} action={a} restoreAction={restoreAction} subject={subject} />
                ))}
              </div>
            )}
            {others.length > 0 && <p className="card-note">{others.map((a) => `An ${ROLE_OF[a.needs]} can ${ACTION_TEXT[a.kind]} from this page.`).join(' ')}</p>}
            {w.commands.length > 0 && (
              <>
                <p className="card-note">{allowed.length ? 'Or from a shell:' : 'To fix it:'}</p>
                <pre>
                  <code>{w.commands.join('\n')}</code>
                </pre>
              </>
            )}
          </section>
        )
      })}
    </div>
  )
}
