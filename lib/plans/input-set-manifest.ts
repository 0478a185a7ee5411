// planning_input_set.json: which revision a plan used, who approved it, and per section the
// rows and the SHA-256 of the file an export of that revision writes. The files are written
// by the export code itself into a private temporary folder and hashed, so an auditor who
// exports the same revision and runs sha256sum gets exactly these values.
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import type { SqlConn } from '../db/sql'
import { CSV_SECTIONS, CSV_STEMS, SECTION_STEMS, type SectionStem } from '../input-sets/bundle/sections'
import { writeCalendarFile, writeCsvSection, writeParamsFile, type WrittenFile } from '../input-sets/store/export-files'

export type InputSetManifest = {
  label: string
  revision: number
  status: string
  approved_by: string | null
  approved_at: string | null
  content_hash: string
  /** Every data section; an empty one has no export file, hence no hash. */
  sections: Record<SectionStem, { rows: number; sha256: string | null }>
}

export async function inputSetManifest(conn: SqlConn, revisionId: number): Promise<InputSetManifest> {
  const rev = await conn.db
    .selectFrom('input_set_revision as r')
    .innerJoin('input_set as s', 's.id', 'r.input_set_id')
    .select(['s.label', 'r.number', 'r.status', 'r.approved_by', 'r.approved_at', 'r.content_hash'])
    .where('r.id', '=', revisionId)
    .executeTakeFirst()
  if (!rev) throw new Error(`revision ${revisionId} not found`)
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'planning-hub-manifest-'))
  try {
    const written = new Map<SectionStem, WrittenFile>()
    for (const stem of CSV_STEMS) {
      const file = await writeCsvSection(conn, CSV_SECTIONS[stem], revisionId, dir)
      if (file) written.set(stem, file)
    }
    const calendar = await writeCalendarFile(conn, revisionId, dir)
    if (calendar) written.set('planning_calendar', calendar)
    const params = await writeParamsFile(conn, revisionId, dir)
    if (params) written.set('planning_params', params)
    const sections = {} as InputSetManifest['sections']
    for (const stem of SECTION_STEMS) {
      const file = written.get(stem)
      sections[stem] = file ? { rows: file.rows, sha256: await sha256File(path.join(dir, file.name)) } : { rows: 0, sha256: null }
    }
    return {
      label: rev.label,
      revision: rev.number,
      status: rev.status,
      approved_by: rev.approved_by,
      approved_at: rev.approved_at?.toISOString() ?? null,
      content_hash: rev.content_hash,
      sections,
    }
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true })
  }
}

export async function sha256File(file: string): Promise<string> {
  const hash = crypto.createHash('sha256')
  await pipeline(fs.createReadStream(file), hash)
  return hash.digest('hex')
}
