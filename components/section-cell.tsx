const number = new Intl.NumberFormat('en-US', { maximumFractionDigits: 10 })

/** One stored value as text: numbers with separators and every stored digit, empty as a dash. */
export function SectionCell({ value }: { value: unknown }) {
  if (value === null || value === undefined || value === '') return <span className="muted">—</span>
  if (typeof value === 'number') return <>{number.format(value)}</>
  if (typeof value === 'object') return <code>{JSON.stringify(value)}</code>
  return <>{String(value)}</>
}
