import Link from 'next/link'
import { SignOutLink } from './sign-out-link'

export type SignedInUser = { name: string; role: string }

/** The header's right end: who is signed in (email · role) and a sign-out link, or a sign-in link that comes back here. */
export function UserMenu({ user, signInHref }: { user: SignedInUser | null; signInHref: string }) {
  if (!user) {
    return (
      <div className="user-menu">
        <Link href={signInHref}>Sign in</Link>
      </div>
    )
  }
  return (
    <div className="user-menu">
      <span className="user-menu-who">
        {user.name} · {user.role}
      </span>
      <SignOutLink />
    </div>
  )
}
