// The database-free marker (test/helpers/database-free.ts): npm test runs a marked file on SQLite
// only, so a marked file must not be able to use a database unnoticed.
// npm test: database-free
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'
import { isDatabaseFree } from './helpers/database-free'
import { useFreshDatabase } from './helpers/database'
import { tempDir } from './helpers/fixtures'

test('a file is database-free only with the marker on a line of its own', () => {
  const dir = tempDir('database-free-')
  const write = (name: string, text: string) => {
    fs.writeFileSync(path.join(dir, name), text)
    return path.join(dir, name)
  }
  assert.equal(isDatabaseFree(write('marked.test.ts', "// a test\n// npm test: database-free\nimport 'x'\n")), true)
  assert.equal(isDatabaseFree(write('plain.test.ts', "// a test\nimport 'x'\n")), false)
  assert.equal(isDatabaseFree(write('quoted.test.ts', "const s = '// npm test: database-free'\n")), false)
  assert.equal(isDatabaseFree(write('longer.test.ts', '// npm test: database-free, mostly\n')), false)
})

test('useFreshDatabase refuses in a file that says it is database-free, naming the file', async () => {
  // This file is the process's entry script and carries the marker.
  await assert.rejects(useFreshDatabase(), (err: Error) => err.message.includes(`${path.basename(process.argv[1])} says it is database-free`))
})
