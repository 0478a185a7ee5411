'use client'

import { useActionState } from 'react'

type RetryState = { message: string } | null
export type RetryAction = (previous: RetryState, form: FormData) => Promise<RetryState>
type Props = { action: RetryAction; label: string; against: string }

/** Queues the failed diff again; a refusal or error is shown beside the button. */
export function RetryButton({ action, label, against }: Props) {
  const [state, dispatch, pending] = useActionState(action, null)
  return (
    <form action={dispatch} className="retry-form">
      <input type="hidden" name="label" value={label} />
      <input type="hidden" name="against" value={against} />
      <button className="button" type="submit" disabled={pending}>
        {pending ? 'Queuing…' : 'Retry'}
      </button>
      {state && (
        <p className="card-warning" role="alert">
          {state.message}
        </p>
      )}
    </form>
  )
}
