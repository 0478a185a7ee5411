'use client'

import { LoadError } from '@/components/load-error'

// An unexpected failure while reading one input set (unknown labels have their own page).
export default function InputSetError({ error, retry }: { error: unknown; retry: () => void }) {
  return <LoadError error={error} retry={retry} what="This input set" back={{ href: '/ui/plans/input_sets', label: 'All input sets' }} />
}
