// Tells a crash test when an import has started writing rows that are not committed yet, so
// the process can be killed at the moment that matters (mid-transaction, not before or after).
import fs from 'node:fs'
import pg from 'pg'
import type { TestDatabase } from './database'

export async function writingUncommittedRows(db: TestDatabase): Promise<boolean> {
  if (db.kind === 'sqlite') {
    // The write-ahead log grows while the transaction runs and is only checkpointed after it.
    const wal = `${db.url.slice('file:'.length)}-wal`
    return fs.existsSync(wal) && fs.statSync(wal).size > 4_000_000
  }
  const client = new pg.Client({ connectionString: db.url })
  await client.connect()
  try {
    const { rows } = await client.query(
      `SELECT COUNT(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND state <> 'idle'
       AND (query LIKE 'INSERT INTO demand_row%' OR query LIKE 'COPY demand_row%')`,
    )
    return Number(rows[0].n) > 0
  } finally {
    await client.end()
  }
}
