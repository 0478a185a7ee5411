import { AwaitingReviewLink } from '@/components/awaiting-review-link'
import { readAccess } from '@/lib/auth/access'
import { hasScope, type Principal } from '@/lib/auth/principal'
import { countAwaitingReview } from '@/lib/input-sets/queries/list'

/** The header's count of sets with a pending draft, for anyone who may read input sets. */
export async function AwaitingReviewCount({ principal }: { principal: Principal | null }) {
  if (!principal || !hasScope(principal, 'input_sets:read')) return null
  return <AwaitingReviewLink count={await countAwaitingReview(readAccess(principal))} />
}
