// A plan's files under DATA_DIR/artifacts/plans/<plan id>/: planning_input_set.json (which
// revision, approved by whom, per-section hashes) and plan_output.json (the plan itself).
// Each is written to a temporary name and renamed, so a reader never sees half a file. A
// failure is recorded (plan_artifact.status = failed + error), counted and logged; the plan
// and run pages show it. It never fails the plan, and it is never silent.
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { Readable } from 'node:stream'
import { getSql, type SqlConn } from '../db/sql'
import { env } from '../env'
import { NotFoundError } from '../errors'
import { errorFields, logError } from '../log'
import { metrics } from '../metrics/registry'
import { inputSetManifest } from './input-set-manifest'
import { planOutput } from './plan-output'

export const ARTIFACT_NAMES = ['planning_input_set.json', 'plan_output.json'] as const
export type ArtifactName = (typeof ARTIFACT_NAMES)[number]

export type ArtifactRecord = { name: ArtifactName; status: 'written' | 'failed'; sha256: string | null; bytes: number | null; error: string | null }

const BUILD: Record<ArtifactName, (conn: SqlConn, planId: number) => Promise<unknown>> = {
  'planning_input_set.json': async (conn, planId) => {
    const plan = await conn.db.selectFrom('plan').select('revision_id').where('id', '=', planId).executeTakeFirst()
    if (!plan?.revision_id) throw new Error(`plan ${planId} has no input set revision`)
    return inputSetManifest(conn, plan.revision_id)
  },
  'plan_output.json': planOutput,
}

export function artifactDir(planId: number): string {
  return path.resolve(env().DATA_DIR, 'artifacts', 'plans', String(planId))
}

export async function writePlanArtifacts(planId: number): Promise<ArtifactRecord[]> {
  const sql = getSql()
  const records: ArtifactRecord[] = []
  for (const name of ARTIFACT_NAMES) {
    try {
      const doc = await sql.withConnection((conn) => BUILD[name](conn, planId))
      const bytes = Buffer.from(`${JSON.stringify(doc, null, 2)}\n`)
      await writeAtomically(path.join(artifactDir(planId), name), bytes)
      records.push({ name, status: 'written', sha256: crypto.createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length, error: null })
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err)
      metrics().artifactWriteErrors.inc({ artifact: name })
      logError('plan_artifact_write_failed', { plan_id: planId, artifact: name, ...errorFields(err) })
      records.push({ name, status: 'failed', sha256: null, bytes: null, error: message.slice(0, 1000) })
    }
  }
  await sql.transaction((conn) =>
    conn.insertMany(
      'plan_artifact',
      ['plan_id', 'name', 'status', 'sha256', 'bytes', 'error', 'created_at'],
      records.map((r) => [planId, r.name, r.status, r.sha256, r.bytes, r.error, new Date()]),
    ),
  )
  return records
}

async function writeAtomically(file: string, bytes: Buffer): Promise<void> {
  await fs.promises.mkdir(path.dirname(file), { recursive: true })
  const tmp = `${file}.tmp-${process.pid}-${crypto.randomBytes(4).toString('hex')}`
  try {
    await fs.promises.writeFile(tmp, bytes)
    await fs.promises.rename(tmp, file)
  } catch (err) {
    await fs.promises.rm(tmp, { force: true })
    throw err
  }
}

export type ArtifactDownload = { name: ArtifactName; sha256: string; bytes: number; stream: Readable }

/** A written artifact for download; the file name comes from the known list, never from the request. */
export async function openArtifact(planId: number, name: ArtifactName): Promise<ArtifactDownload> {
  const row = await getSql().withConnection((conn) =>
    conn.db.selectFrom('plan_artifact').select(['status', 'sha256', 'bytes', 'error']).where('plan_id', '=', planId).where('name', '=', name).executeTakeFirst(),
  )
  if (!row) throw new NotFoundError(`Plan ${planId} has no artifact ${name}.`)
  if (row.status !== 'written')
    throw new NotFoundError(`Artifact ${name} of plan ${planId} could not be written: ${row.error ?? 'unknown error'}.`, { status: row.status })
  const file = path.join(artifactDir(planId), name)
  try {
    await fs.promises.access(file, fs.constants.R_OK)
  } catch {
    throw new NotFoundError(`Artifact ${name} of plan ${planId} was recorded but its file is gone from the data folder.`)
  }
  return { name, sha256: row.sha256 ?? '', bytes: row.bytes ?? 0, stream: fs.createReadStream(file) }
}
