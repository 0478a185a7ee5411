'use client'

import { useActionState } from 'react'
import type { ActionRefusal } from './action-refusal'

type Props = {
  action: (previous: ActionRefusal | null, form: FormData) => Promise<ActionRefusal>
  /** Hidden fields the action reads (which plan, which revision). */
  fields: Record<string, string | number>
  children: string
  pendingText: string
  secondary?: boolean
}

/**
 * One button that posts to a server action which, on success, goes on to the page it made (a run,
 * a review page); a refusal is shown beside the button. A plain form: it posts without JavaScript too.
 */
export function ActionButton({ action, fields, children, pendingText, secondary }: Props) {
  const [refusal, dispatch, pending] = useActionState(action, null)
  return (
    <form className="action-button" action={dispatch} aria-busy={pending}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className={secondary ? 'button button-secondary' : 'button'} disabled={pending}>
        {pending ? pendingText : children}
      </button>
      {refusal && (
        <p className="form-error" role="alert">
          {refusal.message}
        </p>
      )}
    </form>
  )
}
