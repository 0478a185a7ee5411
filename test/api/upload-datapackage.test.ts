// A REST upload of a zip with datapackage.json is read through the descriptor, like the CLI's
// import (one lib code path): the REST zip an export answers re-uploads to the same content hash,
// and a resource in a sub-folder with its own dialect is read from there.
import assert from 'node:assert/strict'
import path from 'node:path'
import fs from 'node:fs'
import { test } from 'node:test'
import { bearer, call, uploadForm, usersWithTokens } from '../helpers/api'
import { ensureConfigVersion, tempDir, validFiles, writeZip } from '../helpers/bundles'
import { dbLabel, useFreshDatabase } from '../helpers/database'
import { startServer } from '../helpers/server'

await useFreshDatabase()
const on = `[${dbLabel()}]`
const server = await startServer()
const users = await usersWithTokens()
const editor = bearer(users.editor.token)
await ensureConfigVersion(1)

const upload = (label: string, files: Record<string, string | Buffer>) =>
  call(server, 'POST', '/api/plans/input_sets', { headers: editor, form: uploadForm({ label, config_version_id: '1' }, files) })

test(`${on} upload: a zip whose datapackage.json puts demand in data/ with semicolons and no header is read through it`, async () => {
  const files = validFiles()
  const plain = await upload('dp-plain', files)
  assert.equal(plain.status, 201, JSON.stringify(plain.body))
  const demand = {
    name: 'demand_family',
    path: 'data/demand.txt',
    dialect: { delimiter: ';', header: false },
    schema: {
      fields: [
        { name: 'family', type: 'string', constraints: { required: true } },
        { name: 'period', type: 'string', constraints: { required: true } },
        { name: 'demand', type: 'number', constraints: { required: true, minimum: 0 } },
      ],
      primaryKey: ['family', 'period'],
    },
  }
  const { 'demand_family.csv': _, ...rest } = files
  const zip = await writeZip(path.join(tempDir('api-dp-'), 'bundle.zip'), [
    ...Object.entries(rest).map(([n, data]) => ({ path: `bundle/${n}`, data })),
    { path: 'bundle/data/demand.txt', data: 'F1;2025-01;100\nF1;2025-02;120\nF2;2025-01;80\n' },
    { path: 'bundle/datapackage.json', data: JSON.stringify({ resources: [demand] }) },
  ])
  const r = await upload('dp-zip', { 'bundle.zip': fs.readFileSync(zip) })
  assert.equal(r.status, 201, JSON.stringify(r.body))
  assert.equal(r.body.report.files.demand_family.rows_accepted, 3)
  assert.equal(r.body.report.content_hash, plain.body.report.content_hash)
  // The CSVs the descriptor leaves out are read by their names, each with a warning saying so.
  assert.equal(r.body.report.issues.filter((i: { code: string }) => i.code === 'not_in_descriptor').length, 8)
})

test(`${on} upload: a zip whose datapackage.json names a path outside the bundle is 422 naming the resource and path`, async () => {
  const zip = await writeZip(path.join(tempDir('api-dp-'), 'bundle.zip'), [
    ...Object.entries(validFiles()).map(([n, data]) => ({ path: n, data })),
    { path: 'datapackage.json', data: JSON.stringify({ resources: [{ name: 'item', path: '../item.csv' }] }) },
  ])
  const r = await upload('dp-escape', { 'bundle.zip': fs.readFileSync(zip) })
  assert.equal(r.status, 422, JSON.stringify(r.body))
  const issue = r.body.error.details.report.issues.find((i: { code: string }) => i.code === 'resource_path_refused')
  assert.deepEqual([issue.file, issue.column], ['datapackage.json', 'resources[0].path'])
  assert.match(issue.message, /^Resource 'item': path '\.\.\/item\.csv' points outside the bundle/)
})
