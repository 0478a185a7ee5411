import Link from 'next/link'
import './input-set-portal.css'
import { diffHref, historyHref, inputSetHref, reviewHref } from './input-set-links'

export type InputSetTab = 'overview' | 'review' | 'history' | 'diff'

/** Overview | Review | History | Diff: real links, so each tab has its own URL and works without JS. */
export function InputSetTabs({ refText, label, active }: { refText: string; label: string; active: InputSetTab }) {
  const tabs: { id: InputSetTab; text: string; href: string }[] = [
    { id: 'overview', text: 'Overview', href: inputSetHref(refText) },
    { id: 'review', text: 'Review', href: reviewHref(label) },
    { id: 'history', text: 'History', href: historyHref(refText) },
    { id: 'diff', text: 'Diff', href: diffHref(refText) },
  ]
  return (
    <nav className="tabs" aria-label="Input set views">
      {tabs.map((t) => (
        <Link key={t.id} href={t.href} className={t.id === active ? 'tab tab-current' : 'tab'} aria-current={t.id === active ? 'page' : undefined} prefetch={false}>
          {t.text}
        </Link>
      ))}
    </nav>
  )
}
