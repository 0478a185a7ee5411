import type { ArtifactRecord } from '@/lib/plans/artifacts'
import { artifactHref } from './plan-links'

/** The plan's files: a download link with the recorded sha256 and size, or why it could not be written. */
export function ArtifactList({ planId, artifacts }: { planId: number; artifacts: ArtifactRecord[] }) {
  if (!artifacts.length) return <p className="muted">No artifacts recorded.</p>
  return (
    <ul className="artifacts" aria-label="Artifacts">
      {artifacts.map((a) => (
        <li key={a.name}>
          {a.status === 'written' ? (
            <>
              <a href={artifactHref(planId, a.name)} download>
                {a.name}
              </a>{' '}
              <span className="muted">
                {a.bytes} bytes · sha256 <code>{a.sha256}</code>
              </span>
            </>
          ) : (
            <span className="card-warning">
              {a.name}: not written ({a.error})
            </span>
          )}
        </li>
      ))}
    </ul>
  )
}
