import type { Warning } from '@/lib/plans/warnings'

/** The plan's or run's warnings, each with the commands that fix it; never collapsed or hidden. */
export function WarningCards({ warnings }: { warnings: Warning[] }) {
  if (!warnings.length) return null
  return (
    <div className="warnings">
      {warnings.map((w, i) => (
        <section key={i} className="warning-card" role="alert" aria-labelledby={`warning-${i}`} data-kind={w.kind}>
          <h2 id={`warning-${i}`}>{w.title}</h2>
          <p>{w.message}</p>
          {w.commands.length > 0 && (
            <>
              <p className="card-note">To fix it:</p>
              <pre>
                <code>{w.commands.join('\n')}</code>
              </pre>
            </>
          )}
        </section>
      ))}
    </div>
  )
}
