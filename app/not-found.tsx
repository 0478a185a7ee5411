import type { Metadata } from 'next'
import { PageNotFound } from '@/components/page-not-found'

export const metadata: Metadata = { title: 'Page not found' }

// Unmatched addresses, and notFound() in any page without a nearer not-found.tsx.
export default function NotFound() {
  return <PageNotFound />
}
