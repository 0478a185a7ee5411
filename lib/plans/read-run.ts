// Runs as the API and the pages show them, with the same warnings as plans: legacy (no input
// set), Missing InputSet, and the plan's artifacts that could not be written.
import { requireReadAccess, type ReadAccess } from '../auth/access'
import { getSql } from '../db/sql'
import { NotFoundError } from '../errors'
import type { Page, Paging } from '../schema'
import type { ArtifactRecord } from './artifacts'
import { artifactRecords, inputSetCard, recorded, REVISION_NOW, type InputSetCard } from './read-plan'
import { artifactWarnings, legacyWarning, missingInputSetWarning, type Warning } from './warnings'

export type RunView = {
  id: number
  plan_id: number | null
  entrypoint: string
  pipeline: string | null
  status: string
  input_set: InputSetCard | null
  legacy_reason: string | null
  options: Record<string, unknown> | null
  created_by: string
  created_at: string
  artifacts: ArtifactRecord[]
  warnings: Warning[]
}

export async function getRunOrThrow(access: ReadAccess, id: number): Promise<RunView> {
  requireReadAccess(access)
  return runViewAfterWrite(id)
}

/** The run a write verb just made, returned to its already authenticated caller; every other read goes through getRunOrThrow. */
export async function runViewAfterWrite(id: number): Promise<RunView> {
  return getSql().withConnection(async (conn) => {
    const run = await conn.db
      .selectFrom('run')
      .leftJoin('input_set_revision as revision', 'revision.id', 'run.revision_id')
      .leftJoin('plan', 'plan.id', 'run.plan_id')
      .select([
        'run.id',
        'run.plan_id',
        'run.entrypoint',
        'run.pipeline',
        'run.status',
        'run.input_set_label',
        'run.input_set_ref',
        'run.revision_number',
        'run.content_hash',
        'run.legacy_reason',
        'run.options_json',
        'run.created_by',
        'run.created_at',
        'plan.config_version_id',
        ...REVISION_NOW,
      ])
      .where('run.id', '=', id)
      .executeTakeFirst()
    if (!run) throw new NotFoundError(`Run ${id} not found.`)
    const card = inputSetCard(run.input_set_label, run.input_set_ref, run.revision_number, run.content_hash, run)
    const artifacts = run.plan_id !== null ? await artifactRecords(conn, run.plan_id) : []
    const warnings: Warning[] = []
    if (!card) warnings.push(legacyWarning(run.legacy_reason ?? ''))
    else {
      const missing = missingInputSetWarning(await recorded(conn, card, run.config_version_id), 'run')
      if (missing) warnings.push(missing)
    }
    if (run.plan_id !== null) warnings.push(...artifactWarnings(run.plan_id, artifacts))
    return {
      id: run.id,
      plan_id: run.plan_id,
      entrypoint: run.entrypoint,
      pipeline: run.pipeline,
      status: run.status,
      input_set: card,
      legacy_reason: run.legacy_reason,
      options: run.options_json ? (JSON.parse(run.options_json) as Record<string, unknown>) : null,
      created_by: run.created_by,
      created_at: run.created_at.toISOString(),
      artifacts,
      warnings,
    }
  })
}

export type RunListRow = {
  id: number
  plan_id: number | null
  entrypoint: string
  input_set_label: string | null
  revision: number | null
  input_set_status: string | null
  legacy: boolean
  status: string
  created_by: string
  created_at: string
}

export async function listRuns(access: ReadAccess, o: Paging & { label?: string }): Promise<Page<RunListRow>> {
  requireReadAccess(access)
  return getSql().withConnection(async (conn) => {
    const runs = conn.db.selectFrom('run').$if(Boolean(o.label), (q) => q.where('run.input_set_label', '=', o.label!))
    const { total } = await runs.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow()
    const rows = await runs
      .leftJoin('input_set_revision as revision', 'revision.id', 'run.revision_id')
      .select([
        'run.id',
        'run.plan_id',
        'run.entrypoint',
        'run.input_set_label',
        'run.revision_number',
        'revision.status as revision_status',
        'run.status',
        'run.created_by',
        'run.created_at',
      ])
      .orderBy('run.id', 'desc')
      .limit(o.pageSize)
      .offset((o.page - 1) * o.pageSize)
      .execute()
    return {
      data: rows.map((r) => ({
        id: r.id,
        plan_id: r.plan_id,
        entrypoint: r.entrypoint,
        input_set_label: r.input_set_label,
        revision: r.revision_number,
        input_set_status: r.revision_status,
        legacy: r.input_set_label === null,
        status: r.status,
        created_by: r.created_by,
        created_at: r.created_at.toISOString(),
      })),
      total,
      page: o.page,
      page_size: o.pageSize,
    }
  })
}
