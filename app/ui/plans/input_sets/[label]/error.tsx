'use client'

import Link from 'next/link'

// An unexpected failure while reading one input set (unknown labels have their own page).
// The digest matches the server's log line; details stay in the log.
export default function InputSetError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error ? (error as Error & { digest?: string }).digest : undefined
  return (
    <div className="empty" role="alert">
      <p>This input set could not be loaded. Try again in a moment; if it keeps failing, tell the Planning Hub operators.</p>
      {digest && (
        <p>
          Reference: <code>{digest}</code>
        </p>
      )}
      <p>
        <button type="button" className="button" onClick={() => retry()}>
          Try again
        </button>{' '}
        <Link href="/ui/plans/input_sets">All input sets</Link>
      </p>
    </div>
  )
}
