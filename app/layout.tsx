import type { Metadata } from 'next'
import Link from 'next/link'
import type { ReactNode } from 'react'
import { SiteMenu } from '@/components/site-menu'
import { UserMenu } from '@/components/user-menu'
import { AwaitingReviewCount } from './awaiting-review-count'
import { currentPrincipal, signInHereHref } from './ui/current-principal'
import './globals.css'

export const metadata: Metadata = {
  title: { default: 'Planning Hub · Input Sets', template: '%s · Planning Hub' },
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Per request and cached: the portal's pages reuse this principal instead of reading it again.
  const principal = await currentPrincipal()
  const user = principal && { name: principal.actor.name, role: principal.role }
  // The header's contents, shown inline on wide screens and inside the Menu on narrow ones
  // (globals.css switches them); anything added to the header goes in both through these.
  const nav = (
    <nav aria-label="Main">
      <Link href="/ui/plans/input_sets">Input sets</Link>
      <Link href="/ui/plans">Plans</Link>
      <Link href="/ui/runs">Runs</Link>
      <AwaitingReviewCount principal={principal} />
    </nav>
  )
  const userMenu = <UserMenu user={user} signInHref={await signInHereHref()} />
  return (
    <html lang="en">
      <body>
        <header className="site-header">
          <Link href="/ui/plans/input_sets" className="brand">
            Planning Hub · Input Sets
          </Link>
          <div className="site-header-wide">
            {nav}
            {userMenu}
          </div>
          <SiteMenu>
            {nav}
            {userMenu}
          </SiteMenu>
        </header>
        <main className="page">{children}</main>
      </body>
    </html>
  )
}
