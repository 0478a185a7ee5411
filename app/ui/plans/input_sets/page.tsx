import type { Metadata } from 'next'
import Link from 'next/link'
import { InputSetFilters } from '@/components/input-set-filters'
import { InputSetTable } from '@/components/input-set-table'
import { env } from '@/lib/env'
import { listInputSets } from '@/lib/input-sets/list'
import { REVISION_STATUSES, type RevisionStatus } from '@/lib/input-sets/labels'

// Reads the database on every request; nothing here may run at build time.
export const dynamic = 'force-dynamic'

export const metadata: Metadata = { title: 'Input sets' }

type SearchParams = Promise<Record<string, string | string[] | undefined>>

function first(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? ''
}

function parseStatus(value: string): RevisionStatus | undefined {
  return (REVISION_STATUSES as readonly string[]).includes(value) ? (value as RevisionStatus) : undefined
}

export default async function InputSetsPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams
  const q = first(params.q).slice(0, 128)
  const status = parseStatus(first(params.status))

  // One query for the search; the status filter is applied here so the counts per
  // status in the filter stay visible whichever status is selected.
  const matching = await listInputSets({ q: q || undefined })
  const counts = Object.fromEntries(REVISION_STATUSES.map((s) => [s, 0])) as Record<RevisionStatus, number>
  for (const set of matching) counts[set.status] += 1
  const rows = status ? matching.filter((s) => s.status === status) : matching
  const filtered = Boolean(q || status)

  return (
    <>
      <h1>Input sets</h1>
      <InputSetFilters q={q} status={status} counts={counts} total={matching.length} />
      {rows.length > 0 ? (
        <>
          <InputSetTable rows={rows} timeZone={env().DISPLAY_TIME_ZONE} />
          <p className="summary">
            {rows.length} input set{rows.length === 1 ? '' : 's'}
          </p>
        </>
      ) : filtered ? (
        <div className="empty" role="status">
          <p>No input sets match these filters.</p>
          <p>
            <Link href="/ui/plans/input_sets">Clear filters</Link>
          </p>
        </div>
      ) : (
        <div className="empty" role="status">
          <p>
            No input sets yet — import one with{' '}
            <code>npx tsx scripts/import_planning_inputs.ts -i &lt;dir&gt; --version-id 1 --label &lt;label&gt;</code>
          </p>
        </div>
      )}
    </>
  )
}
