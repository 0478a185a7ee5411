// An import killed mid-way (SIGKILL while rows are being written) leaves no revision,
// no rows and no event behind, and the next import of the label is revision 1.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { test } from 'node:test'
import { cli, cliAsync } from './helpers/cli'
import { dbLabel, useFreshDatabase } from './helpers/database'
import { tempDir } from './helpers/fixtures'
import { count } from './helpers/input-sets'
import { writingUncommittedRows } from './helpers/uncommitted-writes'

const db = await useFreshDatabase()
const on = `[${dbLabel()}]`

function bigBundle(rows: number): string {
  const dir = tempDir('big-')
  const lines = ['family,period,demand']
  for (let i = 0; i < rows; i++) lines.push(`F${Math.floor(i / 100)},P${i % 100},${i % 997}`)
  fs.writeFileSync(path.join(dir, 'demand_family.csv'), `${lines.join('\n')}\n`)
  return dir
}

test(`${on} SIGKILL during an import leaves nothing; the label imports cleanly afterwards`, async () => {
  assert.equal(cli('create_config_version', ['--id', '1', '--name', 'base']).code, 0)
  const dir = bigBundle(400_000)
  const child = cliAsync('import_planning_inputs', ['-i', dir, '--version-id', '1', '--label', 'crash'])
  const exited = new Promise((resolve) => child.on('exit', resolve))
  const deadline = Date.now() + 60_000
  while (!(await writingUncommittedRows(db))) {
    assert.ok(Date.now() < deadline, 'the import never started writing')
    await sleep(20)
  }
  child.killGroup('SIGKILL')
  await exited
  for (const table of ['input_set', 'input_set_revision', 'audit_event', 'demand_row', 'revision_section']) {
    assert.equal(await count(`SELECT COUNT(*) AS n FROM ${table}`), 0, table)
  }
  const again = cli('import_planning_inputs', ['-i', dir, '--version-id', '1', '--label', 'crash'])
  assert.equal(again.code, 0, again.stderr)
  assert.match(again.stdout, /as revision 1 \(draft\)/)
  assert.equal(await count('SELECT COUNT(*) AS n FROM demand_row'), 400_000)
})
