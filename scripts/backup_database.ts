// backup_database --out FILE
// Writes an online, consistent copy of the SQLite database to FILE (the app may keep running).
// Restore: stop the app, copy FILE over DATA_DIR/planning-hub.db, start it
// (docs/operations.md, "Backups and restore").
import { EXIT, parseCliArgs, requireOption, runCli } from '../lib/cli/run'
import { backupSqliteDatabase } from '../lib/db/backup'

const USAGE = 'usage: backup_database --out FILE'

void runCli(async () => {
  const args = parseCliArgs({ out: { type: 'string', short: 'o' } }, USAGE)
  const result = await backupSqliteDatabase(requireOption(args.out, 'out', USAGE))
  process.stdout.write(`Backed up ${result.pages} pages (${result.bytes} bytes) to ${result.file}\n`)
  return EXIT.ok
})
