// An upload from the web or the REST API: several bundle files or one .zip, spooled to disk
// (REST) or held in memory (web form). File names come from the client, so any path in them
// is refused outright; a report that blocks the import becomes an error carrying the report.
import { InvalidError } from '../../errors'
import { countImportError } from '../../metrics/imports'
import type { Actor } from '../actor'
import { bundleFromFiles, openZipBuffer, openZipFile, type BundleSource, type LooseFile } from '../bundle/bundle-source'
import { z } from 'zod'
import { validationReportSchema, type ValidationReport } from '../bundle/report'
import { assertValidLabel } from '../labels'
import { importBundle } from './import-bundle'

export type UploadedFile = LooseFile

export type UploadInput = {
  files: UploadedFile[]
  label: string
  configVersionId: number
  actor: Actor
  comment?: string | null
  inherit?: boolean
  validateOnly?: boolean
  /** Supersede a colleague's pending draft (see importBundle). */
  replaceDraft?: boolean
}

export const uploadResultSchema = z
  .object({
    input_set: z.object({ label: z.string(), revision: z.number().int().positive(), status: z.literal('draft') }).nullable(),
    report: validationReportSchema,
  })
  .meta({ id: 'UploadResult' })
export type UploadResult = z.infer<typeof uploadResultSchema>

const UNSAFE_NAME = /[\\/\u0000-\u001f]|\.\./

export async function importUpload(u: UploadInput): Promise<UploadResult> {
  // An upload refused before importBundle runs is still an import attempt; importBundle counts the rest.
  const source = await openUpload(u).catch((err: unknown) => {
    if (!u.validateOnly) countImportError(err)
    throw err
  })
  const report = await importBundle({
    source,
    label: u.label,
    configVersionId: u.configVersionId,
    actor: u.actor,
    comment: u.comment,
    inherit: u.inherit,
    validateOnly: u.validateOnly,
    replaceDraft: u.replaceDraft,
  })
    .then((r) => r.report)
    .finally(() => source.close())
  if (!report.ok) throw new InvalidError(failureMessage(report), { report }, 'validation_failed')
  return { input_set: report.revision === undefined ? null : { label: report.label, revision: report.revision, status: 'draft' }, report }
}

async function openUpload(u: UploadInput): Promise<BundleSource> {
  assertValidLabel(u.label)
  for (const f of u.files) {
    if (!f.name || UNSAFE_NAME.test(f.name)) {
      throw new InvalidError(
        `File name '${f.name}' is not allowed: send plain file names without a path or '..'.`,
        { field: 'files', file: f.name },
        'bad_file_name',
      )
    }
  }
  if (!u.files.length) throw new InvalidError('Attach the bundle: several files, or one .zip.', { field: 'files' })
  const zips = u.files.filter((f) => f.name.toLowerCase().endsWith('.zip'))
  if (zips.length && u.files.length > 1) throw new InvalidError('Send either one .zip or the bundle files, not both.', { field: 'files' })
  if (!zips.length) return bundleFromFiles('upload', u.files)
  const zip = zips[0]
  return 'path' in zip ? openZipFile(zip.path, zip.name) : openZipBuffer(zip.name, zip.data)
}

function failureMessage(report: ValidationReport): string {
  const first = report.issues.find((i) => i.severity === 'error')
  const where = first
    ? ` First: ${first.file}${first.row !== null ? ` row ${first.row}` : ''}${first.column ? ` column ${first.column}` : ''}: ${first.message}`
    : ''
  return `Validation failed with ${report.counts.errors} error${report.counts.errors === 1 ? '' : 's'}; nothing was imported.${where}`
}
