// Loaded by `npm test` into every test file's process (`--import`, see scripts/dev/run-tests.ts).
// The runner runs several files at once; each gets its own DATA_DIR and TMP_DIR below the stage's
// folder (TEST_STAGE_DIR), so files never share plan artifacts (DATA_DIR/artifacts/plans/<id>:
// every file's database numbers its plans from 1), DATA_DIR/cli-users.json or the initial admin
// password. CLIs and servers a test starts inherit the file's folders through the environment.
import fs from 'node:fs'
import path from 'node:path'

const stageDir = process.env.TEST_STAGE_DIR
if (stageDir) {
  fs.mkdirSync(stageDir, { recursive: true })
  const fileDir = fs.mkdtempSync(path.join(stageDir, 'file-'))
  process.env.DATA_DIR = path.join(fileDir, 'data')
  process.env.TMP_DIR = path.join(fileDir, 'tmp')
}
