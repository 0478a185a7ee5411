// Sorts a bundle into sections. Without datapackage.json, by file names (bundle-files.ts); with
// one, each resource names its section and its file (anywhere inside the bundle) and says how the
// file is written, and its declared schema is checked against ours (docs/bundles.md,
// "Importing with datapackage.json").
import type { BundleSource } from './bundle-source'
import { classifyEntries, MAX_JSON_BYTES, readJsonEntry, type ClassifiedBundle, type Described } from './bundle-files'
import { DATA_PACKAGE_FILE } from './data-package'
import { csvDialect, parseDescriptor, resourcePath } from './descriptor'
import { checkDeclaredSchema } from './descriptor-schema'
import type { ReportBuilder } from './report'
import { CSV_SECTIONS, CSV_STEMS, fileNameToStem, type CsvStem } from './sections'

export async function classifyBundle(source: BundleSource, report: ReportBuilder, maxFileBytes: number): Promise<ClassifiedBundle> {
  const entry = source.entries.find((e) => e.name.toLowerCase() === DATA_PACKAGE_FILE)
  if (!entry) return classifyEntries(source, report)
  const doc = await readJsonEntry(entry, Math.min(maxFileBytes, MAX_JSON_BYTES), report)
  const descriptor = doc === undefined ? undefined : parseDescriptor(doc, report)
  if (!descriptor) return { ...classifyEntries(source, report), csv: new Map(), descriptorUnusable: true }

  const described: Described = { csv: new Map(), paths: new Set() }
  for (const [i, resource] of descriptor.resources.entries()) {
    const at = `resources[${i}]`
    const path = resourcePath(resource, at, report)
    if (path === undefined) continue
    const stem = sectionOf(resource.name, path)
    if (!stem) {
      // A JSON section listed as a resource is read by its name, as always; any other resource the
      // bundle has no section for is reported like an unknown file, and read by nobody.
      if (fileNameToStem(path)) continue
      described.paths.add(path)
      report.warning(
        'unknown_resource',
        DATA_PACKAGE_FILE,
        null,
        `${at}.name`,
        `Resource '${resource.name}' (${path}) is not a section of a bundle; it was not read.`,
      )
      continue
    }
    const earlier = described.csv.get(stem)
    if (earlier) {
      report.error('duplicate_resource', DATA_PACKAGE_FILE, null, `${at}.name`, `Resources '${earlier.resource}' and '${resource.name}' are both ${stem}; keep one.`)
      continue
    }
    described.paths.add(path)
    const file = await source.find(path)
    if (!file) {
      report.error('missing_resource_file', DATA_PACKAGE_FILE, null, `${at}.path`, `Resource '${resource.name}' names '${path}', which is not in the bundle.`)
      continue
    }
    if (resource.schema) checkDeclaredSchema(CSV_SECTIONS[stem], resource.name, resource.schema, at, report)
    const dialect = csvDialect(resource, at, report)
    if (dialect) described.csv.set(stem, { entry: file, dialect, resource: resource.name })
  }
  return classifyEntries(source, report, described)
}

/** The CSV section a resource holds: by its name, else by its file's name (as without a descriptor). */
function sectionOf(name: string, path: string): CsvStem | undefined {
  const byName = CSV_STEMS.find((s) => s === name.toLowerCase())
  if (byName) return byName
  const byFile = fileNameToStem(path.split('/').pop()!)
  return CSV_STEMS.find((s) => s === byFile)
}
