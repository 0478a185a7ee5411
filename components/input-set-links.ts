// Portal and API addresses of one input set, in one place. Labels are URL-safe already;
// a reference's '@' (label@draft, label@2) is encoded so it survives every proxy.
const BASE = '/ui/plans/input_sets'

export const inputSetHref = (ref: string) => `${BASE}/${encodeURIComponent(ref)}`
export const reviewHref = (label: string) => `${inputSetHref(label)}/review`
export const diffHref = (ref: string) => `${inputSetHref(ref)}/diff`
export const historyHref = (ref: string) => `${inputSetHref(ref)}?tab=history`
/** One section's changed (or added, removed) rows of a diff as CSV; without `against`, the default reference. */
export const diffRowsCsvHref = (ref: string, section: string, against: string | undefined, kind: string) => {
  const query = new URLSearchParams({ ...(against ? { against } : {}), kind })
  return `/api/plans/input_sets/${encodeURIComponent(ref)}/diff/rows/${encodeURIComponent(section)}?${query}`
}
export const exportHref = (ref: string) => `/api/plans/input_sets/${encodeURIComponent(ref)}/export?format=zip`
export const uploadHref = `${BASE}/upload`
export const listHref = BASE
export const awaitingReviewHref = `${BASE}?awaiting_review=true`
