'use client'

import { signOut } from 'next-auth/react'

/**
 * Signs out with next-auth's CSRF-protected POST. Without JavaScript the link still leads to
 * next-auth's own sign-out confirmation page.
 */
export function SignOutLink() {
  return (
    // eslint-disable-next-line @next/next/no-html-link-for-pages -- a next-auth route handler, not a page: it needs a full request, not client-side navigation
    <a
      href="/api/auth/signout"
      onClick={(event) => {
        event.preventDefault()
        void signOut({ callbackUrl: '/login' })
      }}
    >
      Sign out
    </a>
  )
}
