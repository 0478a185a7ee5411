// The database guarantees the domain code relies on, checked on the database selected by TEST_DB:
// migrations, foreign keys, hand-written CHECKs and partial unique indexes, and that rows written
// through raw SQL read back identically through the typed query layer and the other way round.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { dbLabel, useFreshDatabase } from '../../test/helpers/database'
import { applyMigrations, readMigrations } from './migrations'
import { preparedForms, preparedQuery } from './prepared'
import { getSql, type SqlConn, type SqlValue } from './sql'

await useFreshDatabase()
const on = `[${dbLabel()}]`

async function insertReturningId(conn: SqlConn, sql: string, params: SqlValue[]): Promise<number> {
  const row = await conn.get<{ id: number | string }>(`${sql} RETURNING id`, params)
  return Number(row!.id)
}

let configSeq = 0
async function newInputSet(label: string): Promise<number> {
  return getSql().transaction(async (conn) => {
    const configId = 100 + ++configSeq
    await conn.run('INSERT INTO config_version (id, name) VALUES (?, ?)', [configId, `config ${configId}`])
    return insertReturningId(conn, 'INSERT INTO input_set (label, config_version_id) VALUES (?, ?)', [label, configId])
  })
}

const REVISION_COLUMNS = 'input_set_id, number, status, content_hash, uploaded_by, uploaded_by_id'
function insertRevision(inputSetId: number, number: number, status: string): Promise<number> {
  return getSql().transaction((conn) =>
    insertReturningId(conn, `INSERT INTO input_set_revision (${REVISION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)`, [
      inputSetId,
      number,
      status,
      `sha256-${number}`,
      'Alice Example',
      'alice',
    ]),
  )
}

test(`migrations ${on}: every folder is recorded once with its checksum; a second run applies nothing`, async () => {
  const expected = readMigrations(dbLabel())
  assert.ok(expected.length >= 1)
  const readRows = () =>
    getSql().withConnection((conn) =>
      conn.all<{ migration_name: string; checksum: string; finished_at: unknown; applied_steps_count: number }>(
        'SELECT migration_name, checksum, finished_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name',
      ),
    )
  const before = await readRows()
  assert.deepEqual(
    before.map((r) => [r.migration_name, r.checksum]),
    expected.map((m) => [m.name, m.checksum]),
  )
  assert.ok(before.every((r) => r.finished_at != null && Number(r.applied_steps_count) === 1))
  assert.deepEqual(await applyMigrations(), [])
  assert.deepEqual(await applyMigrations(), [])
  assert.equal((await readRows()).length, before.length)
})

test(`foreign keys ${on}: a revision of a nonexistent input set is refused`, async () => {
  await assert.rejects(insertRevision(987654, 1, 'draft'), /foreign key/i)
})

test(`CHECK constraints ${on}: values outside the domain are refused`, async () => {
  const setId = await newInputSet('checks')
  await assert.rejects(insertRevision(setId, 1, 'bogus'), /check constraint|invalid input value for enum/i)
  await assert.rejects(insertRevision(setId, 0, 'draft'), /input_set_revision_number_check/)
  const revisionId = await insertRevision(setId, 1, 'draft')
  await assert.rejects(
    getSql().transaction((conn) => conn.run("UPDATE input_set_revision SET archived_from_status = 'deleted' WHERE id = ?", [revisionId])),
    /check constraint|invalid input value for enum/i,
  )
  const event = (action: string, actorKind: string, links: [number | null, number | null] = [setId, revisionId]) =>
    getSql().transaction((conn) =>
      conn.run('INSERT INTO audit_event (input_set_id, revision_id, subject, action, actor_kind, actor_id, actor_name) VALUES (?, ?, ?, ?, ?, ?, ?)', [
        ...links,
        'input_set:checks',
        action,
        actorKind,
        'alice',
        'Alice Example',
      ]),
    )
  await event('input_set.upload', 'user')
  // Any `entity.verb` is stored (the list of verbs lives in lib/audit/actions.ts); other shapes are not.
  await event('input_set.some_later_verb', 'user')
  for (const bad of ['upload', 'Input_set.upload', 'input_set.', '.upload', 'input set.upload']) {
    await assert.rejects(event(bad, 'user'), /audit_event_action_check/, bad)
  }
  await assert.rejects(event('input_set.upload', 'robot'), /audit_event_actor_kind_check/)
  await assert.rejects(event('input_set.upload', 'user', [null, revisionId]), /audit_event_revision_input_set_check/)
  await assert.rejects(newInputSet(''), /input_set_label_check/)
})

test(`partial unique indexes ${on}: at most one ready and one draft revision per input set`, async () => {
  const a = await newInputSet('one-ready-a')
  const b = await newInputSet('one-ready-b')
  await insertRevision(a, 1, 'superseded')
  await insertRevision(a, 2, 'superseded')
  await insertRevision(a, 3, 'ready')
  await insertRevision(a, 4, 'draft')
  await assert.rejects(insertRevision(a, 5, 'ready'), /unique/i)
  await assert.rejects(insertRevision(a, 5, 'draft'), /unique/i)
  // Other input sets are independent.
  await insertRevision(b, 1, 'ready')
  await insertRevision(b, 2, 'draft')
})

test(`typed queries read what raw SQL wrote ${on}, DateTime included`, async () => {
  // Not on a whole hour, and the test runs with TZ=America/New_York: a local-time conversion
  // anywhere between the two layers shows up as an offset of hours.
  const createdAt = new Date('2026-03-04T05:06:07.089Z')
  const id = await getSql().transaction(async (conn) => {
    await conn.run('INSERT INTO config_version (id, name, created_at) VALUES (?, ?, ?)', [1, 'v1', createdAt])
    return insertReturningId(conn, 'INSERT INTO input_set (label, config_version_id, created_at, updated_at) VALUES (?, ?, ?, ?)', [
      'round-trip',
      1,
      createdAt,
      createdAt,
    ])
  })
  const row = await getSql().withConnection((conn) =>
    conn.db
      .selectFrom('input_set as s')
      .innerJoin('config_version as c', 'c.id', 's.config_version_id')
      .select(['s.label', 's.created_at', 's.updated_at', 'c.created_at as createdAt'])
      .where('s.id', '=', id)
      .executeTakeFirst(),
  )
  assert.ok(row)
  assert.equal(row.label, 'round-trip')
  assert.ok(row.created_at instanceof Date && row.updated_at instanceof Date && row.createdAt instanceof Date, 'timestamps read as Dates, aliases too')
  assert.equal(row.created_at.toISOString(), createdAt.toISOString())
  assert.equal(row.updated_at.toISOString(), createdAt.toISOString())
  assert.equal(row.createdAt.toISOString(), createdAt.toISOString())
  // And a typed query finds it by that instant, so comparisons in SQL agree too.
  const found = await getSql().withConnection((conn) =>
    conn.db
      .selectFrom('input_set')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('id', '=', id)
      .where('created_at', '>=', createdAt)
      .where('created_at', '<=', createdAt)
      .executeTakeFirstOrThrow(),
  )
  assert.equal(found.n, 1, 'COUNT is a number on both databases')
})

test(`raw SQL reads what a typed query wrote ${on}, DateTime included`, async () => {
  const createdAt = new Date('2026-07-08T09:10:11.012Z')
  await getSql().transaction((conn) => conn.db.insertInto('config_version').values({ id: 2, name: 'v2', created_at: createdAt }).execute())
  const row = await getSql().withConnection((conn) => conn.get<{ created_at: string | Date }>('SELECT created_at FROM config_version WHERE id = ?', [2]))
  // Raw SQL gets SQLite's text and PostgreSQL's Date; both must be the same instant.
  assert.equal(new Date(row!.created_at).toISOString(), createdAt.toISOString())
})

test(`a prepared typed query compiles once and substitutes each call's arguments ${on}`, async () => {
  await getSql().transaction((conn) =>
    conn.db
      .insertInto('config_version')
      .values([
        { id: 31, name: 'thirty-one' },
        { id: 32, name: 'thirty-two' },
      ])
      .execute(),
  )
  let builds = 0
  const byIdAndName = preparedQuery((db, id: number, name: string) => {
    builds++
    return db.selectFrom('config_version').select(['id', 'name', 'created_at']).where('id', '=', id).where('name', '=', name).limit(5)
  })
  await getSql().withConnection(async (conn) => {
    assert.deepEqual(
      (await byIdAndName(conn, 31, 'thirty-one')).map((r) => r.name),
      ['thirty-one'],
    )
    assert.deepEqual(
      (await byIdAndName(conn, 32, 'thirty-two')).map((r) => r.name),
      ['thirty-two'],
    )
    assert.deepEqual(await byIdAndName(conn, 31, 'thirty-two'), [], 'both arguments reach the query')
    const [row] = await byIdAndName(conn, 32, 'thirty-two')
    assert.ok(row.created_at instanceof Date, 'rows are read as the types say')
  })
  assert.equal(builds, 1, 'built once for this database')
  // An argument used in JavaScript instead of as a value would be frozen at its stand-in: refused.
  const misuse = preparedQuery((db, name: string) => db.selectFrom('config_version').select('id').where('name', '=', name.toUpperCase()))
  await assert.rejects(
    getSql().withConnection((conn) => misuse(conn, 'x')),
    /argument 1 is not a value of the query/,
  )
})

test(`a query prepared per form compiles once per form and leaves out what is not given ${on}`, async () => {
  let builds = 0
  const names = preparedForms((db, order: 'asc' | 'desc', v: { minId?: number; name?: string }) => {
    builds++
    return db
      .selectFrom('config_version')
      .select('name')
      .where('id', '>=', 31)
      .where('id', '<=', 32)
      .$if(v.minId !== undefined, (q) => q.where('id', '>=', v.minId!))
      .$if(v.name !== undefined, (q) => q.where('name', '=', v.name!))
      .orderBy('id', order)
  })
  await getSql().withConnection(async (conn) => {
    const run = async (order: 'asc' | 'desc', v: { minId?: number; name?: string }) => (await names(conn, order, v)).map((r) => r.name)
    assert.deepEqual(await run('asc', {}), ['thirty-one', 'thirty-two'])
    assert.deepEqual(await run('desc', {}), ['thirty-two', 'thirty-one'])
    assert.deepEqual(await run('asc', { minId: 32 }), ['thirty-two'])
    assert.deepEqual(await run('asc', { minId: 31 }), ['thirty-one', 'thirty-two'], 'the same form with another value')
    assert.deepEqual(await run('asc', { name: 'thirty-one' }), ['thirty-one'])
    assert.deepEqual(await run('asc', { minId: 32, name: 'thirty-one' }), [])
  })
  assert.equal(builds, 5, 'one build per form and set of given values, not per call')
})
