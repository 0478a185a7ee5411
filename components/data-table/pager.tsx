import Link from 'next/link'

type Props = {
  /** What is being paged, for the navigation's accessible name ("Input sets pages"). */
  label: string
  page: number
  pageSize: number
  total: number
  href: (page: number) => string
}

const count = new Intl.NumberFormat('en-US')

/** "Showing 51–100 of 1,234" with previous/next and first/last links; pages are URLs. */
export function Pager({ label, page, pageSize, total, href }: Props) {
  const last = Math.max(1, Math.ceil(total / pageSize))
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1
  const to = Math.min(total, page * pageSize)
  return (
    <nav className="pager" aria-label={`${label} pages`}>
      <span className="pager-range">
        {from > to
          ? `Page ${count.format(page)} is past the end; ${count.format(total)} in all`
          : `Showing ${count.format(from)}–${count.format(to)} of ${count.format(total)}`}
      </span>
      {(last > 1 || page > 1) && (
        <span className="pager-links">
          <PageLink href={href(1)} disabled={page <= 1} label="First page">
            « First
          </PageLink>
          <PageLink href={href(Math.min(page - 1, last))} disabled={page <= 1} label="Previous page">
            ‹ Previous
          </PageLink>
          <span className="pager-at">
            Page {count.format(Math.min(page, last))} of {count.format(last)}
          </span>
          <PageLink href={href(page + 1)} disabled={page >= last} label="Next page">
            Next ›
          </PageLink>
          <PageLink href={href(last)} disabled={page >= last} label="Last page">
            Last »
          </PageLink>
        </span>
      )}
    </nav>
  )
}

function PageLink({ href, disabled, label, children }: { href: string; disabled: boolean; label: string; children: React.ReactNode }) {
  // A disabled step stays in place (so the bar does not jump) but is not a link.
  if (disabled)
    return (
      <span className="pager-off" aria-hidden="true">
        {children}
      </span>
    )
  return (
    <Link href={href} aria-label={label}>
      {children}
    </Link>
  )
}
