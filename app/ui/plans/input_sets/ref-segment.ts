/**
 * The `[label]` path segment as typed: `label`, `label@draft` or `label@N` (the '@' may arrive
 * encoded). A label has no '%', so decoding once cannot turn a bad label into a good one.
 */
export function refFromSegment(raw: string): string {
  try {
    return decodeURIComponent(raw)
  } catch {
    return raw
  }
}
