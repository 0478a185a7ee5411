// The `one_audit_event` migration on a database as the release before it left it: rows written in
// both old tables (input_set_event, audit_event) are all found in the one audit_event table, with
// their actions mapped to `{entity}.{verb}`, their times, order, links, comments and metadata kept,
// and the old tables and enum types are gone. Runs on the database selected by TEST_DB.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { dbLabel, useFreshDatabase } from '../../test/helpers/database'
import { commandLineReadAccess } from '../auth/access'
import { listAuditEvents } from '../auth/audit'
import { applyMigrations, readMigrations } from '../db/migrations'
import { getSql, type SqlConn, type SqlValue } from '../db/sql'
import { cliActor } from '../input-sets/actor'
import { listEvents } from '../input-sets/queries/events'
import { recordAuditEvent } from './record'

const names = readMigrations(dbLabel()).map((m) => m.name)
const thisOne = names.findIndex((n) => n.endsWith('_one_audit_event'))
const previous = names[thisOne - 1]
await useFreshDatabase({ until: previous })
const on = `[${dbLabel()}]`

const at = (seconds: number) => new Date(Date.UTC(2026, 10, 20, 9, 0, seconds, 123))

type OldSetEvent = { id: number; revision: 1 | 2 | null; action: string; comment: string | null; metadata: string | null; at: Date }
type OldAuditEvent = { id: number; action: string; subject: string; metadata: string | null; at: Date }

// Every old action of both tables. Ids collide across the two tables; two events share a time.
const SET_EVENTS: OldSetEvent[] = [
  { id: 1, revision: 1, action: 'upload', comment: 'first week', metadata: '{"revision":1,"warnings":0}', at: at(1) },
  { id: 2, revision: 1, action: 'approve', comment: 'JIRA-1 ok', metadata: '{"revision":1,"from_status":"draft","to_status":"ready"}', at: at(2) },
  { id: 3, revision: 1, action: 'export', comment: null, metadata: '{"zip":true}', at: at(3) },
  { id: 4, revision: null, action: 'diff', comment: null, metadata: null, at: at(3) },
  { id: 5, revision: 2, action: 'update', comment: 'fix', metadata: '{"revision":2}', at: at(4) },
  { id: 6, revision: 1, action: 'revert', comment: 'wrong plan', metadata: null, at: at(5) },
  { id: 7, revision: 1, action: 'archive', comment: null, metadata: '{"forced":true,"reason":"r"}', at: at(6) },
  { id: 8, revision: 1, action: 'restore', comment: 'back', metadata: null, at: at(7) },
]
const AUDIT_EVENTS: OldAuditEvent[] = [
  { id: 1, action: 'user_create', subject: 'user:ana@example.com', metadata: '{"role":"editor","sso_only":false}', at: at(0) },
  { id: 2, action: 'user_update', subject: 'user:ana@example.com', metadata: '{"changed":["role"]}', at: at(2) },
  { id: 3, action: 'token_create', subject: 'token:ph_abc', metadata: '{"token_id":1}', at: at(2) },
  { id: 4, action: 'token_revoke', subject: 'token:ph_abc', metadata: null, at: at(4) },
  { id: 5, action: 'sign_in_failed', subject: 'email:ben@example.com', metadata: '{"reason":"bad_password","ip":null}', at: at(5) },
  { id: 6, action: 'sign_in_locked', subject: 'ip:127.0.0.1', metadata: '{"failures":5}', at: at(6) },
  { id: 7, action: 'sign_out', subject: 'user:ana@example.com', metadata: null, at: at(8) },
]
const NEW_SECURITY_ACTION: Record<string, string> = {
  user_create: 'user.create',
  user_update: 'user.update',
  token_create: 'token.create',
  token_revoke: 'token.revoke',
  sign_in_failed: 'sign_in.failed',
  sign_in_locked: 'sign_in.locked',
  sign_out: 'session.sign_out',
}

async function insertReturningId(conn: SqlConn, sql: string, params: SqlValue[]): Promise<number> {
  const row = await conn.get<{ id: number | string }>(`${sql} RETURNING id`, params)
  return Number(row!.id)
}

/** The old release's rows, written with the old tables' columns. */
async function writeOldRows(): Promise<{ setId: number; revisionIds: Record<1 | 2, number> }> {
  return getSql().transaction(async (conn) => {
    await conn.run('INSERT INTO config_version (id, name) VALUES (?, ?)', [1, 'v1'])
    const setId = await insertReturningId(conn, 'INSERT INTO input_set (label, config_version_id) VALUES (?, ?)', ['legacy-set', 1])
    const revision = (number: number, status: string) =>
      insertReturningId(conn, 'INSERT INTO input_set_revision (input_set_id, number, status, content_hash, uploaded_by, uploaded_by_id) VALUES (?, ?, ?, ?, ?, ?)', [
        setId,
        number,
        status,
        `sha256-${number}`,
        'planner',
        'cli:planner',
      ])
    const revisionIds = { 1: await revision(1, 'ready'), 2: await revision(2, 'draft') }
    for (const e of SET_EVENTS) {
      await conn.run(
        'INSERT INTO input_set_event (id, input_set_id, revision_id, action, actor_kind, actor_id, actor_name, comment, metadata_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [e.id, setId, e.revision === null ? null : revisionIds[e.revision], e.action, 'cli', 'cli:ops', 'ops', e.comment, e.metadata, e.at],
      )
    }
    for (const e of AUDIT_EVENTS) {
      await conn.run('INSERT INTO audit_event (id, action, actor_kind, actor_id, actor_name, subject, metadata_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
        e.id,
        e.action,
        'user',
        'user:1',
        'root',
        e.subject,
        e.metadata,
        e.at,
      ])
    }
    return { setId, revisionIds }
  })
}

type NewRow = {
  id: number
  action: string
  subject: string
  input_set_id: number | null
  revision_id: number | null
  actor_name: string
  comment: string | null
  metadata_json: string | null
  created_at: Date
}

test(`${on} one_audit_event moves every row of input_set_event and audit_event into the one audit_event table`, async () => {
  assert.ok(thisOne > 0, 'the migration exists and is not the first')
  const { setId, revisionIds } = await writeOldRows()
  assert.deepEqual(await applyMigrations(), [names[thisOne], ...names.slice(thisOne + 1)])

  const rows: NewRow[] = await getSql().withConnection((conn) =>
    conn.db
      .selectFrom('audit_event')
      .select(['id', 'action', 'subject', 'input_set_id', 'revision_id', 'actor_name', 'comment', 'metadata_json', 'created_at'])
      .orderBy('id')
      .execute(),
  )
  assert.equal(rows.length, SET_EVENTS.length + AUDIT_EVENTS.length, 'no row lost, none added')
  // Input-set events keep their ids; the security events follow them, in their old order.
  const offset = Math.max(...SET_EVENTS.map((e) => e.id))
  const expected = [
    ...SET_EVENTS.map((e) => ({
      id: e.id,
      action: `input_set.${e.action}`,
      subject: 'input_set:legacy-set',
      input_set_id: setId,
      revision_id: e.revision === null ? null : revisionIds[e.revision],
      actor_name: 'ops',
      comment: e.comment,
      metadata_json: e.metadata,
      created_at: e.at.toISOString(),
    })),
    ...AUDIT_EVENTS.map((e) => ({
      id: e.id + offset,
      action: NEW_SECURITY_ACTION[e.action],
      subject: e.subject,
      input_set_id: null,
      revision_id: null,
      actor_name: 'root',
      comment: null,
      metadata_json: e.metadata,
      created_at: e.at.toISOString(),
    })),
  ]
  assert.deepEqual(
    rows.map((r) => ({ ...r, created_at: r.created_at.toISOString() })),
    expected,
  )

  // The public reads are unchanged: the events body still says `approve`, newest first, ties by id.
  const body = await listEvents(commandLineReadAccess(cliActor('auditor')), 'legacy-set')
  assert.deepEqual(
    body.events.map((e) => [e.id, e.action, e.type, e.revision, e.comment]),
    [...SET_EVENTS].sort((a, b) => b.at.getTime() - a.at.getTime() || b.id - a.id).map((e) => [e.id, e.action, `input_set.${e.action}`, e.revision, e.comment]),
  )
  assert.deepEqual(body.events.find((e) => e.action === 'archive')?.metadata, { forced: true, reason: 'r' })
  assert.deepEqual(
    (await listAuditEvents({ subject: 'user:ana@example.com' })).map((e) => e.action),
    ['session.sign_out', 'user.update', 'user.create'],
  )

  // New events continue after the highest id that moved.
  const newId = await getSql().transaction((conn) =>
    recordAuditEvent(conn, { action: 'token.create', actor: cliActor('ops'), subject: 'token:ph_new', at: new Date() }),
  )
  assert.equal(newId, offset + AUDIT_EVENTS.length + 1)

  // The old tables and (PostgreSQL) the enum types are gone.
  for (const table of ['input_set_event']) {
    await assert.rejects(
      getSql().withConnection((conn) => conn.all(`SELECT * FROM ${table}`)),
      /no such table|does not exist/,
    )
  }
  if (dbLabel() === 'postgres') {
    const types = await getSql().withConnection((conn) =>
      conn.all<{ typname: string }>(`SELECT typname FROM pg_type WHERE typname IN ('AuditAction', 'EventAction')`),
    )
    assert.deepEqual(types, [])
  }
})
