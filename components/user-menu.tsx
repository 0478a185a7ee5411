import Link from 'next/link'
import type { Principal } from '@/lib/auth/principal'
import { SignOutLink } from './sign-out-link'

/** The header's right end: who is signed in (email · role) and a sign-out link, or a sign-in link. */
export function UserMenu({ principal }: { principal: Principal | null }) {
  if (!principal) {
    return (
      <div className="user-menu">
        <Link href="/login">Sign in</Link>
      </div>
    )
  }
  return (
    <div className="user-menu">
      <span className="user-menu-who">
        {principal.actor.name} · {principal.role}
      </span>
      <SignOutLink />
    </div>
  )
}
