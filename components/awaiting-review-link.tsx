import Link from 'next/link'
import { awaitingReviewHref } from './input-set-links'
import styles from './awaiting-review-link.module.css'

/** The header's "N awaiting review", linking to the list's Awaiting review view; nothing when no draft waits. */
export function AwaitingReviewLink({ count }: { count: number }) {
  if (count <= 0) return null
  return (
    <Link href={awaitingReviewHref} className={styles.link} prefetch={false}>
      <span className={styles.count}>{count}</span> awaiting review
    </Link>
  )
}
