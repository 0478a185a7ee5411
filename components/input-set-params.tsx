const number = new Intl.NumberFormat('en-US', { maximumFractionDigits: 12 })

function display(value: unknown): React.ReactNode {
  if (typeof value === 'number') return number.format(value)
  if (typeof value === 'boolean') return value ? 'yes' : 'no'
  if (typeof value === 'string') return value
  if (value === null) return <span className="muted">—</span>
  return <pre className="param-json">{JSON.stringify(value, null, 2)}</pre>
}

/** Planning parameters as a key/value list: settings, not rows. */
export function InputSetParams({ params }: { params: Record<string, unknown> }) {
  const keys = Object.keys(params)
  if (keys.length === 0) return <p className="empty">This revision has no planning parameters.</p>
  return (
    <dl className="params" aria-label="Planning parameters">
      {keys.map((key) => (
        <div key={key} className="param">
          <dt>
            <code>{key}</code>
          </dt>
          <dd>{display(params[key])}</dd>
        </div>
      ))}
    </dl>
  )
}
