import { formatDateTime } from './format-time'

/**
 * A timestamp in the display zone (`2026-01-02 12:04 JST`). The zone is always explicit, so
 * server and browser print the same text; zone abbreviations other than JST come from the
 * ICU data of each side, which may spell them differently, hence no hydration warning.
 */
export function DateTime({ iso, timeZone }: { iso: string | null; timeZone: string }) {
  if (!iso) return <span className="muted">—</span>
  return (
    <time dateTime={iso} suppressHydrationWarning>
      {formatDateTime(iso, timeZone)}
    </time>
  )
}
