// The warning cards of plan and run pages (docs/plans-and-runs.md, "Runs"). Each names what is
// wrong and the exact commands that fix it. A missing or absent input set is never papered over by
// guessing a label: the commands carry the recorded label, or a placeholder the operator fills in.
import type { ArtifactRecord } from './artifacts'

export type Warning =
  | { kind: 'legacy'; title: string; message: string; commands: string[] }
  | { kind: 'missing_input_set'; title: string; message: string; commands: string[] }
  | { kind: 'artifact_failed'; title: string; message: string; commands: string[] }

/** What became of the revision a plan or run recorded. */
export type RecordedInputSet = { label: string; ref: string; revision: number | null; configVersionId: number | null; status: string | null }

export function legacyWarning(reason: string): Warning {
  return {
    kind: 'legacy',
    title: 'Legacy run: no input set',
    message: `This run was accepted without input_set_label (reason given: “${reason}”), so nobody can prove which approved inputs it used. Rerun it against an approved (ready) input set.`,
    commands: [
      'npx tsx scripts/list_planning_input_sets.ts --status ready',
      `curl -X POST "$PLANNING_HUB_URL/api/runs" -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' -d '{"input_set_label": "<ready label>", "config_version_id": <config version id>}'`,
    ],
  }
}

/** Missing when the recorded revision is gone or archived: its ref no longer resolves to usable data. */
export function missingInputSetWarning(set: RecordedInputSet): Warning | null {
  if (set.status !== null && set.status !== 'archived') return null
  const at = set.revision !== null ? `${set.label}@${set.revision}` : set.ref
  const why = set.status === 'archived' ? `revision ${at} was archived` : `revision ${at} no longer exists`
  const version = set.configVersionId ?? '<config version id>'
  return {
    kind: 'missing_input_set',
    title: 'Missing InputSet',
    message: `The input set this was planned from (${set.ref}) no longer resolves: ${why}. Re-import the exported bundle (or restore the archived revision) and have it approved.`,
    commands: [
      `npx tsx scripts/import_planning_inputs.ts -i out/planning_inputs_${set.label} --version-id ${version} --label ${set.label}`,
      `npx tsx scripts/review_planning_input_set.ts --label ${set.label} --action approve --actor <approver>`,
      ...(set.status === 'archived' ? [`npx tsx scripts/review_planning_input_set.ts --label ${at} --action restore --actor <approver>`] : []),
    ],
  }
}

export function artifactWarnings(planId: number, artifacts: ArtifactRecord[]): Warning[] {
  return artifacts
    .filter((a) => a.status === 'failed')
    .map((a) => ({
      kind: 'artifact_failed' as const,
      title: `Artifact not written: ${a.name}`,
      message: `Plan ${planId} could not write ${a.name}: ${a.error ?? 'unknown error'}. Check that DATA_DIR/artifacts/plans is a writable folder, then create the plan again.`,
      commands: [],
    }))
}
