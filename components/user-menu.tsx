import { cookies } from 'next/headers'
import Link from 'next/link'
import { principalFromSessionToken } from '@/lib/auth/session'
import { sessionTokenFromCookies } from '@/lib/auth/session-token'
import { SignOutLink } from './sign-out-link'

/** The header's right end: who is signed in (email · role) and a sign-out link, or a sign-in link. */
export async function UserMenu() {
  const jar = await cookies()
  const principal = await principalFromSessionToken(sessionTokenFromCookies((name) => jar.get(name)?.value))
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
