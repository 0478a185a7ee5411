// Timestamps read through the raw SQL layer: PostgreSQL hands them back as Date (sql.ts pins
// them to UTC); SQLite as the text they were written in — ISO 8601 with an offset from
// Prisma and sql.ts, or `YYYY-MM-DD HH:MM:SS` (UTC) from a CURRENT_TIMESTAMP default.

const NAIVE_SQLITE_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?$/

/** A timestamp column's value as a Date; null stays null. */
export function dbTime(v: unknown): Date | null {
  if (v === null || v === undefined) return null
  if (v instanceof Date) return v
  if (typeof v === 'number') return new Date(v)
  const text = String(v)
  return new Date(NAIVE_SQLITE_TIME.test(text) ? `${text.replace(' ', 'T')}Z` : text)
}

/** The same as ISO 8601 text, or null. */
export function dbIsoTime(v: unknown): string | null {
  return dbTime(v)?.toISOString() ?? null
}
