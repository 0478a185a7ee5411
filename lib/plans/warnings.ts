// The warning cards of plan and run pages (docs/plans-and-runs.md, "Missing InputSet"). Each names
// what is wrong and the exact commands that fix it. A missing or absent input set is never papered
// over by guessing a label: the commands carry the recorded label, or a placeholder the operator
// fills in. Where the portal can do the same step, the warning also names it as an action, with the
// scope it needs, so a page offers the button only to those who may press it.
import type { Scope } from '../auth/principal'
import type { ArtifactRecord } from './artifacts'

/** One way out of a warning: what it achieves, and the commands that do it, in order. */
export type RecoveryPath = { says: string; commands: string[] }

/** A step of a warning's fix the portal can take in place of a command. */
export type WarningAction =
  /** Restore the archived revision (it becomes the label's draft, to be approved again). */
  | { kind: 'restore_revision'; label: string; revision: number; needs: Scope }
  /** Review the label's pending draft (a re-import or a restored revision). */
  | { kind: 'review_draft'; label: string; revision: number; needs: Scope }
  /** Make a plan from a ready input set (and run it), instead of a legacy run. */
  | { kind: 'plan_from_ready'; needs: Scope }

type WarningBody = { title: string; message: string; commands: string[]; actions: WarningAction[] }

export type Warning =
  | ({ kind: 'legacy' } & WarningBody)
  | ({
      kind: 'missing_input_set'
      /** The recorded label and reference (`label@N`) that no longer resolve. */
      label: string
      ref: string
      /** What clears the warning for this plan or run: restoring the archived revision; null when the revision no longer exists. */
      clears_this: RecoveryPath | null
      /** What a new run needs: a ready revision of the label, e.g. the exported bundle re-imported under the same label and approved. */
      new_run: RecoveryPath
    } & WarningBody)
  | ({ kind: 'artifact_failed' } & WarningBody)

/** What became of the revision a plan or run recorded; `draftRevision` is the label's pending draft now, if any. */
export type RecordedInputSet = {
  label: string
  ref: string
  revision: number | null
  configVersionId: number | null
  status: string | null
  draftRevision: number | null
}

/** The actions of `warning` that a principal holding `scopes` may take. */
export function actionsAllowed(warning: Warning, scopes: readonly Scope[]): WarningAction[] {
  return warning.actions.filter((a) => scopes.includes(a.needs))
}

/** Whether the recorded revision is missing: archived or gone. */
export function isMissing(status: string | null): boolean {
  return status === null || status === 'archived'
}

/** Placeholder for the reviewing user in card commands (docs/cli.md, "Who acts"). */
export const APPROVER_PLACEHOLDER = '<approver>'

const RUN_COMMAND = (label: string, version: number | string) =>
  `curl -X POST "$PLANNING_HUB_URL/api/runs" -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' -d '{"input_set_label": "${label}", "config_version_id": ${version}}'`

export function legacyWarning(reason: string): Warning {
  return {
    kind: 'legacy',
    title: 'Legacy run: no input set',
    message: `This run was accepted without input_set_label (reason given: “${reason}”), so nobody can prove which approved inputs it used. Rerun it against an approved (ready) input set.`,
    commands: ['npx tsx scripts/list_planning_input_sets.ts --status ready', RUN_COMMAND('<ready label>', '<config version id>')],
    actions: [{ kind: 'plan_from_ready', needs: 'plans:write' }],
  }
}

/**
 * Missing when the recorded revision is gone or archived: its ref no longer resolves to usable data.
 * A plan (and every run of it) stays bound to the revision it recorded, so only bringing that
 * revision back clears the warning here; a re-import under the same label is a new revision, which
 * serves the next run made from the label, not this plan.
 */
export function missingInputSetWarning(set: RecordedInputSet, of: 'plan' | 'run' = 'plan'): Warning | null {
  if (!isMissing(set.status)) return null
  const at = set.revision !== null ? `${set.label}@${set.revision}` : set.ref
  const archived = set.status === 'archived'
  const why = archived ? `revision ${at} was archived` : `revision ${at} no longer exists`
  const version = set.configVersionId ?? '<config version id>'
  const review = `npx tsx scripts/review_planning_input_set.ts --label`
  const clearsThis: RecoveryPath | null = archived
    ? {
        says: `Restore ${at} to clear this warning for this ${of}${of === 'plan' ? ' and its runs' : ', its plan and the plan’s other runs'}: it becomes a draft again; approving it makes it ready, so new runs can use it too.`,
        commands: [`${review} ${at} --action restore --actor ${APPROVER_PLACEHOLDER}`, `${review} ${at} --action approve --actor ${APPROVER_PLACEHOLDER}`],
      }
    : null
  const newRun: RecoveryPath = {
    says: `A new run needs a ready revision of ${set.label}: ${archived ? `export ${at} and re-import it` : `re-import the bundle (an earlier export of ${at}, or the original upload)`} with the same label, have the new draft approved by someone other than its uploader, then start the run from the label.`,
    commands: [
      ...(archived ? [`npx tsx scripts/export_planning_inputs.ts --label ${at}`] : []),
      `npx tsx scripts/import_planning_inputs.ts -i out/planning_inputs_${set.label} --version-id ${version} --label ${set.label}`,
      `${review} ${set.label} --action approve --actor ${APPROVER_PLACEHOLDER}`,
      RUN_COMMAND(set.label, version),
    ],
  }
  const thisPart = clearsThis
    ? `Restoring ${at} is what clears this warning for this ${of}; a re-import does not, because this ${of} stays bound to ${at}.`
    : `Nothing clears this warning for this ${of}: it stays bound to ${at}, which is gone.`
  return {
    kind: 'missing_input_set',
    title: 'Missing InputSet',
    message: `The input set this ${of} was planned from (${set.ref}) no longer resolves: ${why}. ${thisPart} A new run needs a ready revision of ${set.label}: re-import with the same label and have it approved, then run from the label.`,
    commands: [...(clearsThis?.commands ?? []), ...newRun.commands],
    label: set.label,
    ref: at,
    clears_this: clearsThis,
    new_run: newRun,
    actions: missingActions(set),
  }
}

function missingActions(set: RecordedInputSet): WarningAction[] {
  const actions: WarningAction[] = []
  if (set.status === 'archived' && set.revision !== null)
    actions.push({ kind: 'restore_revision', label: set.label, revision: set.revision, needs: 'input_sets:review' })
  if (set.draftRevision !== null) actions.push({ kind: 'review_draft', label: set.label, revision: set.draftRevision, needs: 'input_sets:review' })
  return actions
}

export function artifactWarnings(planId: number, artifacts: ArtifactRecord[]): Warning[] {
  return artifacts
    .filter((a) => a.status === 'failed')
    .map((a) => ({
      kind: 'artifact_failed' as const,
      title: `Artifact not written: ${a.name}`,
      message: `Plan ${planId} could not write ${a.name}: ${a.error ?? 'unknown error'}. Check that DATA_DIR/artifacts/plans is a writable folder, then create the plan again.`,
      commands: [],
      actions: [],
    }))
}
