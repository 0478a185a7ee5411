'use client'

import Link from 'next/link'

type Props = { error: unknown; retry: () => void; what: string; back?: { href: string; label: string } }

/**
 * What a route's error boundary shows when a page fails unexpectedly (e.g. the database is
 * down). The digest lets an operator find the matching server log line; details stay in the log.
 */
export function LoadError({ error, retry, what, back }: Props) {
  const digest = error instanceof Error ? (error as Error & { digest?: string }).digest : undefined
  return (
    <div className="empty" role="alert">
      <p>{what} could not be loaded. Try again in a moment; if it keeps failing, tell the Planning Hub operators.</p>
      {digest && (
        <p>
          Reference: <code>{digest}</code>
        </p>
      )}
      <p>
        <button type="button" className="button" onClick={() => retry()}>
          Try again
        </button>
        {back && (
          <>
            {' '}
            <Link href={back.href}>{back.label}</Link>
          </>
        )}
      </p>
    </div>
  )
}
