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
      db.prepare('INSERT INTO config_version (id, name, created_at) VALUES (?, ?, ?)').run(configVersion.id, configVersion.name, updatedAt)
      const setId = db
        .prepare('INSERT INTO input_set (label, config_version_id, created_at, updated_at) VALUES (?, ?, ?, ?)')
        .run(inputSet.label, configVersion.id, updatedAt, updatedAt).lastInsertRowid
      const contentHash = hash(inputSet.label)
      const revisionId = db
        .prepare(
          `INSERT INTO input_set_revision (input_set_id, number, status, content_hash, uploaded_by,
             uploaded_by_id, uploaded_at, approved_by, approved_at, approved_hash)
           VALUES (?, ?, ?, ?, 'e2e', 'e2e', ?, ?, ?, ?)`,
        )
        .run(setId, inputSet.revision, inputSet.status, contentHash, updatedAt, approvedBy, approvedAt, contentHash).lastInsertRowid
      const addSection = db.prepare('INSERT INTO revision_section (revision_id, section, rows, sha256) VALUES (?, ?, ?, ?)')
      for (const s of sections) addSection.run(revisionId, s.section, s.rows, hash(s.section))
      seedRows(db, Number(revisionId))
    })()
  } finally {
    db.close()
  }
}

/**
 * The demand and capacity rows the section counts announce (100 families and 4 workcenters over
 * the 12 months of 2026), so a plan made from the seeded set has something to chart.
 */
function seedRows(db: Database.Database, revisionId: number): void {
  const months = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`)
  const demand = db.prepare('INSERT INTO demand_row (revision_id, family, period, demand) VALUES (?, ?, ?, ?)')
  const capacity = db.prepare(`INSERT INTO capacity_row (revision_id, workcenter, period, capacity, resource_type) VALUES (?, ?, ?, ?, 'workcenter')`)
  months.forEach((period, m) => {
    for (let f = 1; f <= 100; f++) demand.run(revisionId, `F${String(f).padStart(3, '0')}`, period, 20 + ((f * 7 + m * 13) % 30))
    for (let w = 1; w <= 4; w++) capacity.run(revisionId, `WC${w}`, period, m === 5 ? 0 : 800 + w * 50)
  })
}
