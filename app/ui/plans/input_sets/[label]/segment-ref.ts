import { cache } from 'react'
import { missingRef } from '@/lib/input-sets/store/resolve'
import { pageAccess } from '../../../current-principal'

/**
 * This request's `[label]` segment (label, label@draft or label@N). The segment's layout records it
 * for not-found.tsx, which Next renders without params; both are in one request's render.
 */
export const requestRef = cache((): { text?: string } => ({}))

/** Why the reference names no input set, or null. One lookup per request, shared by the pages and not-found.tsx. */
export const missingInputSet = cache(async (refText: string) => missingRef(await pageAccess(), refText))
