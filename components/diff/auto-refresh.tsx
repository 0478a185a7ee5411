'use client'

import { useRouter } from 'next/navigation'
import { useEffect } from 'react'

/**
 * Asks the diff API at `url` every few seconds and re-renders the page from the server once the
 * answer changes: while a job is pending it answers 202; once `etag` (the report the page shows)
 * is sent as If-None-Match, a 304 says the page is still current without sending the report
 * (docs/api.md, "Caching"). Anything else — the report is ready, the refs name other revisions,
 * the job failed — is what the page should show, so it is rendered again.
 */
export function AutoRefresh({ seconds, url, etag }: { seconds: number; url: string; etag?: string }) {
  const router = useRouter()
  useEffect(() => {
    let asking = false
    const timer = setInterval(async () => {
      if (asking) return
      asking = true
      try {
        const res = await fetch(url, { headers: etag ? { 'if-none-match': etag } : {}, cache: 'no-store' })
        if (res.status !== 202 && res.status !== 304) router.refresh()
      } catch {
        // Offline for a moment: the next tick asks again.
      } finally {
        asking = false
      }
    }, seconds * 1000)
    return () => clearInterval(timer)
  }, [router, seconds, url, etag])
  return null
}
