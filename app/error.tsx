'use client'

// Shown instead of Next's bare error page when a page fails (e.g. the database is down).
// The digest lets an operator find the matching server log line; details stay in the log.
export default function PageError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error ? (error as Error & { digest?: string }).digest : undefined
  return (
    <div className="empty" role="alert">
      <p>This page could not be loaded. Try again in a moment; if it keeps failing, tell the Planning Hub operators.</p>
      {digest && (
        <p>
          Reference: <code>{digest}</code>
        </p>
      )}
      <p>
        <button type="button" className="button" onClick={() => retry()}>
          Try again
        </button>
      </p>
    </div>
  )
}
