// Imports a bundle as a new draft revision (docs/bundles.md, docs/revisions.md). Validation and
// storage are one streaming pass inside one transaction: any error rolls everything back, so a
// failed or interrupted import leaves nothing behind. --validate-only runs the same pass on a read
// connection and writes nothing.
import { getSql, type SqlConn } from '../../db/sql'
import { env } from '../../env'
import { ConflictError, NotFoundError } from '../../errors'
import { countImport } from '../../metrics/imports'
import type { Actor } from '../actor'
import { readJsonSections, type ClassifiedBundle, type JsonSections } from '../bundle/bundle-files'
import { classifyBundle } from '../bundle/descriptor-files'
import { refreshPlannerStatistics } from '../store/planner-statistics'
import type { BundleSource } from '../bundle/bundle-source'
import { calendarDigest } from '../bundle/calendar'
import { CrossChecks, type CheckContext } from '../bundle/cross-checks'
import { readCsvSection } from '../bundle/csv-section'
import { contentHash, type SectionDigest } from '../bundle/hashing'
import { mixShareSumSeverity, paramsDigest, toleranceOf } from '../bundle/params'
import { ReportBuilder, type ValidationReport } from '../bundle/report'
import { RowBudget } from '../bundle/row-caps'
import { CSV_SECTIONS, CSV_STEMS, SECTION_STEMS, type CsvStem, type SectionStem } from '../bundle/sections'
import { assertImportableLabel } from '../labels'
import { recordAuditEvent } from '../../audit/record'
import { inheritedCalendar, inheritedItems, inheritedMixFamilies, readRevisionParams, uploadedCalendarCheck } from '../store/inherited-context'
import { findRevision, type ResolvedRevision } from '../store/resolve'
import * as store from '../store/revision-store'
import { writeSectionChunks } from '../store/section-chunks'
import { writeSectionTotal } from '../store/section-totals'

export type ImportOptions = {
  source: BundleSource
  label: string
  configVersionId: number
  actor: Actor
  comment?: string | null
  validateOnly?: boolean
  /** Supersede a pending draft that someone else uploaded; without it such an upload is refused (`draft_pending`). */
  replaceDraft?: boolean
  /** Sections absent from the upload are copied from the label's current revision (default true). */
  inherit?: boolean
  onProgress?: (file: string, rowsRead: number) => void
}

export type ImportResult = { report: ValidationReport; revisionId?: number }

// item first (inventory and BOM are checked against it), mix_share before demand.
const CSV_ORDER: CsvStem[] = ['item', 'mix_share', 'bom', 'inventory', 'open_po', 'demand_family', 'capacity', 'period_cost', 'period_score']

class RollbackWithReport extends Error {
  constructor(readonly report: ValidationReport) {
    super('validation failed')
  }
}

export async function importBundle(o: ImportOptions): Promise<ImportResult> {
  if (o.validateOnly) return importOrReport(o)
  return countImport(importOrReport(o), (r) => r.revisionId !== undefined)
}

async function importOrReport(o: ImportOptions): Promise<ImportResult> {
  assertImportableLabel(o.label)
  const config = await getSql().withConnection((conn) => conn.db.selectFrom('config_version').select('id').where('id', '=', o.configVersionId).executeTakeFirst())
  if (!config)
    throw new NotFoundError(`Config version ${o.configVersionId} not found. Create it with create_config_version --id ${o.configVersionId} --name <name>.`)
  const settings = env()
  const report = new ReportBuilder(o.label, settings.MAX_ISSUES_PER_FILE)
  const bundle = await classifyBundle(o.source, report, settings.MAX_FILE_BYTES)
  const json = await readJsonSections(bundle, o.label, report, settings.MAX_FILE_BYTES)
  if (json.present.size === 0) {
    // An unusable datapackage.json has been reported: its files were not read, not absent.
    if (!bundle.descriptorUnusable)
      report.error('empty_bundle', o.source.name, null, null, 'The bundle holds no recognised file (demand_family.csv, capacity.csv, … planning_calendar.json).')
    return { report: report.build({ validate_only: Boolean(o.validateOnly) }) }
  }
  // One budget per run: the row caps count the whole upload.
  const run = (conn: SqlConn, write: boolean) =>
    runImport(conn, write, o, bundle, json, report, {
      maxFileBytes: settings.MAX_FILE_BYTES,
      rows: new RowBudget(settings.MAX_ROWS_PER_FILE, settings.MAX_ROWS_PER_UPLOAD),
    })
  if (o.validateOnly) return getSql().withConnection((conn) => run(conn, false))
  try {
    const result = await getSql().transaction((conn) => run(conn, true))
    if (result.revisionId !== undefined) await refreshPlannerStatistics(result.report.files)
    return result
  } catch (err) {
    if (err instanceof RollbackWithReport) return { report: err.report }
    throw err
  }
}

async function runImport(
  conn: SqlConn,
  write: boolean,
  o: ImportOptions,
  bundle: ClassifiedBundle,
  json: JsonSections,
  report: ReportBuilder,
  limits: { maxFileBytes: number; rows: RowBudget },
): Promise<ImportResult> {
  const at = new Date()
  const set = write
    ? await store.lockOrCreateInputSet(conn, o.label, o.configVersionId, at)
    : await conn.db.selectFrom('input_set').select(['id', 'config_version_id as configVersionId']).where('label', '=', o.label).executeTakeFirst()
  if (set && set.configVersionId !== o.configVersionId) {
    throw new ConflictError(`Input set '${o.label}' belongs to config version ${set.configVersionId}, not ${o.configVersionId}.`, {
      field: 'version_id',
    })
  }
  // Checked under the set's lock, so of two uploaders racing for one label the second sees the first's draft.
  const replaced = write ? await pendingDraftToReplace(conn, set!.id, o) : undefined
  const base = o.inherit === false ? undefined : await findRevision(conn, { label: o.label, kind: 'current' })
  const inherited = base ? await inheritableSections(conn, base, json.present) : new Map<SectionStem, SectionDigest>()
  for (const stem of inherited.keys()) report.inherited.push({ section: stem, from_revision: base!.number })

  const params = json.params ?? (inherited.has('planning_params') ? await readRevisionParams(conn, base!.revisionId) : undefined)
  const ctx: CheckContext = {
    calendar: json.present.has('planning_calendar')
      ? uploadedCalendarCheck(json.calendar)
      : inherited.has('planning_calendar')
        ? await inheritedCalendar(conn, base!.revisionId)
        : undefined,
    items: inherited.has('item') ? await inheritedItems(conn, base!.revisionId) : undefined,
    inheritedMixFamilies: inherited.has('mix_share') ? await inheritedMixFamilies(conn, base!.revisionId) : undefined,
    tolerance: toleranceOf(params),
    noCalendar: !json.present.has('planning_calendar') && !inherited.has('planning_calendar'),
    mixShareSumSeverity: mixShareSumSeverity(params),
  }

  let revision: { id: number; number: number; superseded: number[] } | undefined
  if (write) {
    await store.boundPageCache(conn)
    revision = await startRevision(conn, set!.id, o, json, at)
  }

  const digests: Partial<Record<SectionStem, SectionDigest & { inheritedFrom?: number }>> = {}
  const checks = new CrossChecks(report, ctx)
  for (const stem of CSV_ORDER) {
    const entry = bundle.csv.get(stem)
    if (!entry) continue
    const items = stem === 'item' ? new Set<string>() : undefined
    const inspect = checks.inspector(stem)
    digests[stem] = await readCsvSection(CSV_SECTIONS[stem], entry, {
      report,
      maxFileBytes: limits.maxFileBytes,
      rows: limits.rows,
      dialect: bundle.dialects.get(stem),
      calendarPeriods: ctx.calendar?.periods,
      inspect: items ? (row) => items.add(row.values[0] as string) : inspect,
      // Once the import is bound to fail, later sections are checked but not stored (a refused
      // write may also have ended the transaction on PostgreSQL: see csv-section.ts).
      sink: revision && !report.hasErrors ? store.csvRowWriter(conn, CSV_SECTIONS[stem], revision.id) : undefined,
      batchRows: store.rowsPerWrite(conn),
      onProgress: o.onProgress && ((rows) => o.onProgress!(entry.name, rows)),
    })
    // A file read only in part (stopped at the error cap) would make the checks that need all of it report rows wrongly.
    const partial = report.checkingStopped(entry.name)
    if (partial) checks.incomplete(stem)
    if (items && !partial) ctx.items = items
  }
  checks.finish()
  if (json.present.has('planning_calendar')) digests.planning_calendar = await calendarDigest(json.calendar)
  if (json.present.has('planning_params')) digests.planning_params = await paramsDigest(json.params)
  for (const [stem, d] of inherited) digests[stem] = { ...d, inheritedFrom: base!.revisionId }
  const hash = contentHash(digests)

  if (report.hasErrors) {
    const failed = report.build({ validate_only: !write })
    if (write) throw new RollbackWithReport(failed)
    return { report: failed }
  }
  if (!revision) return { report: report.build({ validate_only: true, content_hash: hash }) }

  if (json.calendar) await store.writeCalendar(conn, revision.id, json.calendar)
  if (json.params) await store.writeParams(conn, revision.id, json.params)
  for (const stem of inherited.keys()) await store.copySection(conn, stem, base!.revisionId, revision.id)
  // Uploaded and inherited sections alike, once their rows are stored (docs/diff.md, "Chunk hashes").
  for (const stem of CSV_STEMS) if (digests[stem]) await writeSectionChunks(conn, stem, revision.id)
  await store.writeSectionDigests(conn, revision.id, digests)
  for (const stem of ['demand_family', 'capacity'] as const) if (digests[stem]) await writeSectionTotal(conn, stem, revision.id)
  await conn.db.updateTable('input_set_revision').set({ content_hash: hash }).where('id', '=', revision.id).execute()
  await conn.db.updateTable('input_set').set({ updated_at: at }).where('id', '=', set!.id).execute()
  const built = report.build({ validate_only: false, revision: revision.number, content_hash: hash })
  await recordAuditEvent(conn, {
    inputSet: { id: set!.id, label: o.label },
    revisionId: revision.id,
    action: 'input_set.upload',
    actor: o.actor,
    comment: o.comment,
    at,
    metadata: {
      revision: revision.number,
      content_hash: hash,
      source: o.source.name,
      files: built.files,
      inherited: built.inherited,
      superseded_drafts: revision.superseded,
      ...(replaced ? { replaced_draft: replaced } : {}),
      warnings: built.counts.warnings,
    },
  })
  return { report: built, revisionId: revision.id }
}

/**
 * The pending draft this upload will supersede, if any. A colleague's draft is not replaced
 * silently: without `replaceDraft` the upload is refused, naming who uploaded it. Replacing one's
 * own draft needs nothing. "Colleague" compares actor ids, so a token counts as its owner.
 */
async function pendingDraftToReplace(conn: SqlConn, inputSetId: number, o: ImportOptions) {
  const draft = await conn.db
    .selectFrom('input_set_revision')
    .select(['number', 'uploaded_by', 'uploaded_by_id'])
    .where('input_set_id', '=', inputSetId)
    .where('status', '=', 'draft')
    .executeTakeFirst()
  if (!draft) return undefined
  if (draft.uploaded_by_id !== o.actor.id && !o.replaceDraft) {
    throw new ConflictError(
      `'${o.label}' has a pending draft r${draft.number} uploaded by ${draft.uploaded_by}, waiting for review; this upload would replace it. If that is intended, upload again with replace_draft=true (CLI: --replace-draft).`,
      { label: o.label, revision: draft.number, uploaded_by: draft.uploaded_by },
      'draft_pending',
    )
  }
  return { revision: draft.number, uploaded_by: draft.uploaded_by }
}

/** Supersedes a pending draft (a label has at most one) and creates the new draft revision. */
async function startRevision(conn: SqlConn, inputSetId: number, o: ImportOptions, json: JsonSections, at: Date) {
  const drafts = await conn.db.selectFrom('input_set_revision').select('number').where('input_set_id', '=', inputSetId).where('status', '=', 'draft').execute()
  await conn.db.updateTable('input_set_revision').set({ status: 'superseded' }).where('input_set_id', '=', inputSetId).where('status', '=', 'draft').execute()
  const number = await store.nextRevisionNumber(conn, inputSetId)
  const id = await store.insertDraftRevision(conn, {
    inputSetId,
    number,
    uploadedBy: o.actor.name,
    uploadedById: o.actor.id,
    uploadComment: o.comment ?? null,
    sourceName: o.source.name,
    description: json.meta?.description ?? null,
    canonicalSampleName: json.meta?.canonical_sample_name ?? null,
    metaJson: json.meta ? JSON.stringify(json.meta.raw) : null,
    at,
  })
  return { id, number, superseded: drafts.map((d) => d.number) }
}

async function inheritableSections(conn: SqlConn, base: ResolvedRevision, present: Set<SectionStem>) {
  const rows = await conn.db.selectFrom('revision_section').select(['section', 'rows', 'sha256']).where('revision_id', '=', base.revisionId).execute()
  const result = new Map<SectionStem, SectionDigest>()
  for (const r of rows) {
    const stem = r.section as SectionStem
    if (SECTION_STEMS.includes(stem) && !present.has(stem) && r.rows > 0) result.set(stem, { rows: r.rows, sha256: r.sha256 })
  }
  return result
}
