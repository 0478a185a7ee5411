'use client'

import Link from 'next/link'
import { startTransition, useActionState, useState, type FormEvent } from 'react'
import type { ReviewAction } from '@/lib/input-sets/review-rules'
import { ACTION_LABELS, REVIEW_IDLE, type ReviewState } from './review-form-state'
import styles from './review-form.module.css'

type Props = {
  action: (previous: ReviewState, form: FormData) => Promise<ReviewState>
  label: string
  revision: number
  /** The actions this user may take on this revision in its status, each with what it does. */
  actions: { action: ReviewAction; effect: string }[]
}

/**
 * The comment is held in state and submitted by hand (not through `<form action>`, which
 * resets the form), so a refused action keeps what the reviewer wrote.
 */
export function ReviewForm({ action, label, revision, actions }: Props) {
  const [state, dispatch, pending] = useActionState(action, REVIEW_IDLE)
  const [comment, setComment] = useState('')
  const [clicked, setClicked] = useState<ReviewAction | null>(null)
  const [seen, setSeen] = useState(state)
  if (state !== seen) {
    setSeen(state)
    if (state.kind === 'done') setComment('')
  }
  const detail = `/ui/plans/input_sets/${encodeURIComponent(label)}`

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null
    const data = new FormData(event.currentTarget, submitter)
    setClicked(data.get('action') as ReviewAction)
    startTransition(() => dispatch(data))
  }

  return (
    <form className={styles.form} onSubmit={onSubmit} aria-busy={pending}>
      <input type="hidden" name="label" value={label} />
      <input type="hidden" name="revision" value={revision} />
      <div className={styles.comment}>
        <label htmlFor="review-comment">Comment</label>
        <textarea
          id="review-comment"
          name="comment"
          rows={3}
          maxLength={4000}
          value={comment}
          onChange={(e) => setComment(e.currentTarget.value)}
          placeholder="JIRA-123 approve by ops_lead"
          aria-describedby="review-comment-hint"
        />
        <span id="review-comment-hint" className={styles.hint}>
          Ticket, decision and who decided, e.g. <code>JIRA-123 approve by ops_lead</code>. It is kept in the history.
        </span>
      </div>
      {actions.some((a) => a.action === 'archive') && (
        <div className={styles.comment}>
          <label>
            <input type="checkbox" name="force" value="true" /> Archive even though plans or runs still use this revision
          </label>
          <label htmlFor="review-reason">Reason for forcing (required when forcing; kept in the archive event)</label>
          <input id="review-reason" name="reason" maxLength={4000} placeholder="INC-42 wrong calendar, plans 7 and 9 re-planned" />
        </div>
      )}
      <ul className={styles.effects}>
        {actions.map(({ action: a, effect }) => (
          <li key={a}>
            <strong>{ACTION_LABELS[a].button}</strong>: {effect}
          </li>
        ))}
      </ul>
      <div className={styles.buttons}>
        {actions.map(({ action: a, effect }) => (
          <button key={a} type="submit" name="action" value={a} className={`button ${styles[a]}`} disabled={pending} title={effect}>
            {pending && clicked === a ? `${ACTION_LABELS[a].button}…` : ACTION_LABELS[a].button}
          </button>
        ))}
      </div>
      {state.kind === 'refused' && (
        <p className="form-error" role="alert">
          {state.action ? `${ACTION_LABELS[state.action].button} refused: ` : ''}
          {state.message}
        </p>
      )}
      {state.kind === 'done' && (
        <div className={styles.done} role="status">
          <p>
            <strong>
              {ACTION_LABELS[state.action].past} {state.label} r{state.revision}
            </strong>{' '}
            — status is now <span className={`pill pill-${state.status}`}>{state.status}</span> (was {state.previousStatus}).
          </p>
          <p>
            <Link href={detail}>Back to {state.label}</Link> · <Link href={`${detail}?tab=history`}>History</Link>
          </p>
        </div>
      )}
    </form>
  )
}
