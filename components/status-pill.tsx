import type { RevisionStatus } from '@/lib/input-sets/labels'

export function StatusPill({ status }: { status: RevisionStatus }) {
  return <span className={`pill pill-${status}`}>{status}</span>
}
