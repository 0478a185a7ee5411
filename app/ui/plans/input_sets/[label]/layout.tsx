import type { ReactNode } from 'react'
import { refFromSegment } from '../ref-segment'
import { requestRef } from './segment-ref'

/*
 * Unknown labels answer 404: each page calls notFound() before it renders anything, and no loading.tsx
 * wraps them, because a page inside a Suspense boundary has its 200 sent before notFound() can run.
 * not-found.tsx shows why the reference names no input set and the close labels.
 */
export default async function InputSetSegmentLayout({ children, params }: { children: ReactNode; params: Promise<{ label: string }> }) {
  requestRef().text = refFromSegment((await params).label)
  return children
}
