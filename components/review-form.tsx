'use client'

import Link from 'next/link'
import { startTransition, useActionState, useState, type FormEvent } from 'react'
import type { ReviewVerb } from '@/lib/input-sets/review-rules'
import { ACTION_LABELS, REVIEW_IDLE, type ReviewState } from './review-form-state'
import styles from './review-form.module.css'

export type OfferedAction = {
  action: ReviewVerb
  /** What the action does to this revision, in a sentence. */
  effect: string
  /** The server refuses it without a comment. */
  commentRequired: boolean
}

type Props = {
  action: (previous: ReviewState, form: FormData) => Promise<ReviewState>
  label: string
  revision: number
  /** The actions this viewer may take on this revision in its status (the others are explained beside the form). */
  actions: OfferedAction[]
}

/** Actions that take data out of use, and a change request: confirmed in a second step, with the reason asked for there. */
const CONFIRMED: readonly ReviewVerb[] = ['request_changes', 'revert', 'archive']

/**
 * The comment is held in state and submitted by hand (not through `<form action>`, which
 * resets the form), so a refused action keeps what the reviewer wrote. Revert and archive open
 * a confirmation first; the server refuses them without a comment whatever the form did.
 */
export function ReviewForm({ action, label, revision, actions }: Props) {
  const [state, dispatch, pending] = useActionState(action, REVIEW_IDLE)
  const [comment, setComment] = useState('')
  const [clicked, setClicked] = useState<ReviewVerb | null>(null)
  const [confirming, setConfirming] = useState<OfferedAction | null>(null)
  const [seen, setSeen] = useState(state)
  if (state !== seen) {
    setSeen(state)
    if (state.kind === 'done') {
      setComment('')
      setConfirming(null)
    }
  }
  const detail = `/ui/plans/input_sets/${encodeURIComponent(label)}`
  const commentInvalid = state.kind === 'refused' && state.field === 'comment'

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null
    const data = new FormData(event.currentTarget, submitter)
    const chosen = actions.find((a) => a.action === data.get('action'))
    if (!chosen) return
    if (CONFIRMED.includes(chosen.action) && data.get('confirmed') !== 'true') {
      setConfirming(chosen)
      return
    }
    setClicked(chosen.action)
    startTransition(() => dispatch(data))
  }

  const commentRequired = confirming ? confirming.commentRequired : actions.some((a) => a.commentRequired && !CONFIRMED.includes(a.action))
  const commentField = (
    <div className={styles.comment}>
      <label htmlFor="review-comment">
        {confirming ? `Reason for ${ACTION_LABELS[confirming.action].noun} (required)` : commentRequired ? 'Comment (required)' : 'Comment'}
      </label>
      <textarea
        id="review-comment"
        name="comment"
        rows={3}
        maxLength={4000}
        value={comment}
        onChange={(e) => setComment(e.currentTarget.value)}
        placeholder={confirming ? 'JIRA-123 wrong week uploaded, re-upload follows' : 'JIRA-123 approve by ops_lead'}
        aria-required={commentRequired}
        aria-invalid={commentInvalid || undefined}
        aria-describedby="review-comment-hint"
      />
      <span id="review-comment-hint" className={styles.hint}>
        Ticket, decision and who decided, e.g. <code>JIRA-123 approve by ops_lead</code>. It is kept in the history.
      </span>
    </div>
  )

  return (
    <form className={styles.form} onSubmit={onSubmit} aria-busy={pending}>
      <input type="hidden" name="label" value={label} />
      <input type="hidden" name="revision" value={revision} />
      {commentField}
      {confirming ? (
        <div className={styles.confirm} role="group" aria-labelledby="confirm-heading">
          <input type="hidden" name="confirmed" value="true" />
          <p id="confirm-heading" className={styles.confirmHeading}>
            <strong>
              {ACTION_LABELS[confirming.action].button} {label} r{revision}?
            </strong>{' '}
            {confirming.effect}
          </p>
          {confirming.action === 'archive' && (
            <div className={styles.comment}>
              <label>
                <input type="checkbox" name="force" value="true" /> Archive even though plans or runs still use this revision
              </label>
              <label htmlFor="review-reason">Why plans or runs may lose it (required when archiving anyway; kept in the archive event)</label>
              <input id="review-reason" name="reason" maxLength={4000} placeholder="INC-42 wrong calendar, plans 7 and 9 re-planned" />
            </div>
          )}
          <div className={styles.buttons}>
            <button type="submit" name="action" value={confirming.action} className={`button ${styles[confirming.action]}`} disabled={pending}>
              {pending ? `${ACTION_LABELS[confirming.action].button}…` : `Yes, ${ACTION_LABELS[confirming.action].button.toLowerCase()} r${revision}`}
            </button>
            <button type="button" className="button button-secondary" disabled={pending} onClick={() => setConfirming(null)}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <>
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
                {pending && clicked === a ? `${ACTION_LABELS[a].button}…` : CONFIRMED.includes(a) ? `${ACTION_LABELS[a].button}…` : ACTION_LABELS[a].button}
              </button>
            ))}
          </div>
        </>
      )}
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
            {state.action === 'request_changes' ? (
              <>— the draft stays pending; its uploader sees your comment on the set&apos;s page.</>
            ) : (
              <>
                — status is now <span className={`pill pill-${state.status}`}>{state.status}</span> (was {state.previousStatus}).
              </>
            )}
          </p>
          <p>
            <Link href={detail}>Back to {state.label}</Link> · <Link href={`${detail}?tab=history`}>History</Link>
          </p>
        </div>
      )}
    </form>
  )
}
