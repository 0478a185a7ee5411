// Paths to the reference bundles (tests only: the product ships its own sample data)
// and small helpers to build bundles on disk.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

export const REFERENCE = {
  planning: path.resolve(repoRoot, '../shared/fixtures/reference/planning'),
  weekly: path.resolve(repoRoot, '../shared/fixtures/reference/weekly_forecast_set_1'),
}

const created: string[] = []
// Removed when the test file's process ends (each file is one process under node:test): a
// server or CLI the file started may use its folder until then. Synchronous, as 'exit' needs.
process.on('exit', () => {
  for (const dir of created) fs.rmSync(dir, { recursive: true, force: true })
})

/** A new temp folder, removed when the test file ends. */
export function tempDir(prefix = 'bundle-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix))
  created.push(dir)
  return dir
}

/** Writes {fileName: content} into a new temp folder and returns its path. */
export function writeBundle(files: Record<string, string | Buffer>): string {
  const dir = tempDir()
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content)
  return dir
}

/** A copy of a reference bundle with some files replaced or removed (null). */
export function variantOf(source: string, changes: Record<string, string | null>): string {
  const dir = tempDir()
  for (const name of fs.readdirSync(source)) fs.copyFileSync(path.join(source, name), path.join(dir, name))
  for (const [name, content] of Object.entries(changes)) {
    if (content === null) fs.rmSync(path.join(dir, name), { force: true })
    else fs.writeFileSync(path.join(dir, name), content)
  }
  return dir
}
