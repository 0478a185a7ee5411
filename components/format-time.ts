// Planners read times in the configured zone (default Asia/Tokyo), never the server's,
// so the zone is always explicit and the output is identical on every machine.
const JST = 'Asia/Tokyo'

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    })
    formatters.set(timeZone, f)
  }
  return f
}

/** `2026-01-02 12:04 JST` for an ISO timestamp; an empty string for null. */
export function formatDateTime(iso: string | null, timeZone: string = JST): string {
  if (!iso) return ''
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  )
  // Intl names Tokyo "GMT+9"; planners know it as JST.
  const zone = timeZone === JST ? 'JST' : parts.timeZoneName
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute} ${zone}`
}
