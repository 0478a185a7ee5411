import Link from 'next/link'

/** The app's answer to an address with no page (HTTP 404). */
export function PageNotFound() {
  return (
    <div className="empty" role="status">
      <h1>Page not found</h1>
      <p>There is no page at this address. It may have been mistyped, or the link may be out of date.</p>
      <p>
        <Link href="/ui/plans/input_sets">Input sets</Link> · <Link href="/ui/plans">Plans</Link> · <Link href="/ui/runs">Runs</Link>
      </p>
    </div>
  )
}
