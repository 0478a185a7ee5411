// A test file that never touches a database says so on a line of its own:
//   // npm test: database-free
// npm test (scripts/dev/run-tests.ts) then runs it in the SQLite stage only: running it again on
// PostgreSQL would test the same thing twice. useFreshDatabase refuses in such a file, so the line
// cannot hide a database test from the PostgreSQL stage.
import fs from 'node:fs'

const MARKER = /^\/\/ npm test: database-free$/m

export function isDatabaseFree(testFile: string): boolean {
  return MARKER.test(fs.readFileSync(testFile, 'utf8'))
}
