// An online, consistent copy of the SQLite database (SQLite's backup API: the app may keep
// serving and writing meanwhile). PostgreSQL has its own tools (pg_dump / pg_basebackup),
// which see the whole server and its permissions better than the app could.
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { databaseTarget } from '../env'
import { ConflictError, InvalidError } from '../errors'

export type BackupResult = { file: string; bytes: number; pages: number }

export async function backupSqliteDatabase(outFile: string): Promise<BackupResult> {
  const target = databaseTarget()
  if (target.kind !== 'sqlite') {
    throw new InvalidError('DATABASE_URL points at PostgreSQL: back it up with pg_dump (see docs/operations.md, "Backups and restore").', { field: 'DATABASE_URL' })
  }
  const file = path.resolve(outFile)
  if (fs.existsSync(file)) throw new ConflictError(`${file} exists already; choose a new file name.`, { field: 'out' })
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const db = new Database(target.file, { readonly: true, fileMustExist: true })
  try {
    const { totalPages } = await db.backup(file)
    return { file, bytes: fs.statSync(file).size, pages: totalPages }
  } finally {
    db.close()
  }
}
