export type QueryValues = Record<string, string | number | undefined>

/**
 * `path?…` with `values` merged over `current`. Empty values and page 1 are left out, so
 * every state has one short, shareable URL.
 */
export function hrefWith(path: string, current: QueryValues, values: QueryValues = {}): string {
  const query = new URLSearchParams()
  for (const [key, value] of Object.entries({ ...current, ...values })) {
    if (value === undefined || value === '' || (key === 'page' && Number(value) === 1)) continue
    query.set(key, String(value))
  }
  const text = query.toString()
  return text ? `${path}?${text}` : path
}

/** A page's `searchParams` prop. */
export type SearchParams = Promise<Record<string, string | string[] | undefined>>

/** The first value of a query parameter, trimmed; '' when absent. */
export function firstParam(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? ''
}

/** A whole number from 1 to max, else undefined (so a bad value falls back to the default). */
export function positiveParam(text: string, max: number): number | undefined {
  const n = Number(text)
  return /^[0-9]{1,16}$/.test(text) && n >= 1 && n <= max ? n : undefined
}

export function oneOfParam<T extends string>(values: readonly T[], text: string): T | undefined {
  return (values as readonly string[]).includes(text) ? (text as T) : undefined
}
