'use client'

import { usePathname } from 'next/navigation'
import { useEffect, useRef, useState, type ReactNode } from 'react'

/**
 * The header on narrow screens: one Menu button that opens the navigation and the user menu.
 * A <details> element, so it opens and closes without JavaScript too; with it, the button reports
 * aria-expanded, Escape closes it, and it closes after moving to another page.
 */
export function SiteMenu({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState(false)
  const details = useRef<HTMLDetailsElement>(null)
  const pathname = usePathname()
  const shownPath = useRef(pathname)
  useEffect(() => {
    const menu = details.current
    if (!menu) return
    // Close after moving to another page; not on the first run, where a click made before the
    // page's script loaded may already have opened the menu (the <details> works without it).
    if (shownPath.current !== pathname) {
      shownPath.current = pathname
      menu.open = false
    }
    // That early toggle fired before React listened: take the state from the element.
    setOpen(menu.open)
  }, [pathname])
  return (
    <details
      ref={details}
      className="site-menu"
      onToggle={(e) => setOpen(e.currentTarget.open)}
      onKeyDown={(e) => {
        if (e.key !== 'Escape' || !details.current?.open) return
        details.current.open = false
        details.current.querySelector('summary')?.focus()
      }}
    >
      {/* role="button": the summary's implicit role, stated so that every tool names it the same. */}
      <summary role="button" aria-expanded={open} aria-controls="site-menu-panel">
        <span className="site-menu-icon" aria-hidden="true" />
        Menu
      </summary>
      <div id="site-menu-panel" className="site-menu-panel">
        {children}
      </div>
    </details>
  )
}
