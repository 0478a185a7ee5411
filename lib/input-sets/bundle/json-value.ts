// JSON helpers shared by the calendar, params and meta sections.

/** JSON with object keys sorted at every depth: equal data, equal text. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`
  if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>
    return `{${Object.keys(obj)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableStringify(obj[k])}`)
      .join(',')}}`
  }
  return JSON.stringify(value)
}

export type JsonParse = { ok: true; value: unknown } | { ok: false; line: number; message: string }

/** Parses JSON text (BOM allowed) and turns a syntax error's position into a line number. */
export function parseJsonText(text: string): JsonParse {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  try {
    return { ok: true, value: JSON.parse(body) }
  } catch (err) {
    const message = (err as Error).message
    const pos = /position (\d+)/.exec(message)
    const line = pos ? body.slice(0, Number(pos[1])).split('\n').length : 1
    return { ok: false, line, message }
  }
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

export function pickExtra(obj: Record<string, unknown>, known: readonly string[]): Record<string, unknown> | null {
  // No prototype: a key named __proto__ is kept as data instead of being swallowed by the setter.
  const extra: Record<string, unknown> = Object.create(null)
  let any = false
  for (const [k, v] of Object.entries(obj)) {
    if (!known.includes(k)) {
      extra[k] = v
      any = true
    }
  }
  return any ? extra : null
}
