'use client'

import { LoadError } from '@/components/load-error'

// Shown instead of Next's bare error page when a page fails.
export default function PageError({ error, retry }: { error: unknown; retry: () => void }) {
  return <LoadError error={error} retry={retry} what="This page" />
}
