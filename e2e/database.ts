// Seeds the throwaway SQLite database the e2e server runs against, directly with SQL so the
// smoke test does not depend on the import code it is not about.
import crypto from 'node:crypto'
import Database from 'better-sqlite3'
import { SEEDED } from './seed-data'

export function seedDatabase(file: string): void {
  const db = new Database(file)
  const { configVersion, inputSet, updatedAt, approvedAt, approvedBy, sections } = SEEDED
  const hash = (text: string) => crypto.createHash('sha256').update(text).digest('hex')
  try {
    db.transaction(() => {
      db.prepare('INSERT INTO config_version (id, name, created_at) VALUES (?, ?, ?)').run(
        configVersion.id,
        configVersion.name,
        updatedAt,
      )
      const setId = db
        .prepare(
          'INSERT INTO input_set (label, config_version_id, created_at, updated_at) VALUES (?, ?, ?, ?)',
        )
        .run(inputSet.label, configVersion.id, updatedAt, updatedAt).lastInsertRowid
      const contentHash = hash(inputSet.label)
      const revisionId = db
        .prepare(
          `INSERT INTO input_set_revision (input_set_id, number, status, content_hash, uploaded_by,
             uploaded_by_id, uploaded_at, approved_by, approved_at, approved_hash)
           VALUES (?, ?, ?, ?, 'e2e', 'e2e', ?, ?, ?, ?)`,
        )
        .run(setId, inputSet.revision, inputSet.status, contentHash, updatedAt, approvedBy, approvedAt, contentHash)
        .lastInsertRowid
      const addSection = db.prepare('INSERT INTO revision_section (revision_id, section, rows, sha256) VALUES (?, ?, ?, ?)')
      for (const s of sections) addSection.run(revisionId, s.section, s.rows, hash(s.section))
    })()
  } finally {
    db.close()
  }
}
