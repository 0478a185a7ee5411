// A thin raw-SQL layer over the same databases Prisma uses. Bulk paths (import,
// export, inheritance copies) need it: Prisma writes row by row ~50× slower than the
// driver. SQL is written once with `?` placeholders and numbered for PostgreSQL.
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { once } from 'node:events'
import { finished } from 'node:stream/promises'
import Database from 'better-sqlite3'
import pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import type { CompiledQuery, QueryResult } from 'kysely'
import { databaseTarget, type DatabaseTarget } from '../env'
import { errorFields, logError } from '../log'
import { TIMESTAMP_COLUMNS } from './generated/kysely/timestamp-columns'
import { queryBuilder, type Db } from './query'
import { dbTime } from './time'

export type SqlValue = string | number | bigint | null | Date
export type SqlRow = Record<string, unknown>

export interface SqlConn {
  readonly kind: DatabaseTarget['kind']
  /** Typed queries on this connection (lib/db/query.ts), inside its transaction if it has one. */
  readonly db: Db
  /** Runs an already compiled typed query on this connection (preparedQuery), without Kysely's executor. */
  executeCompiled(query: CompiledQuery): Promise<QueryResult<unknown>>
  run(sql: string, params?: SqlValue[]): Promise<number>
  all<T = SqlRow>(sql: string, params?: SqlValue[]): Promise<T[]>
  get<T = SqlRow>(sql: string, params?: SqlValue[]): Promise<T | undefined>
  /** Inserts rows in bulk: multi-row prepared INSERTs (SQLite), COPY FROM STDIN (PostgreSQL). */
  insertMany(table: string, columns: string[], rows: SqlValue[][]): Promise<void>
  /** Streams a result set in chunks without holding it in memory. */
  iterate<T = SqlRow>(sql: string, params?: SqlValue[], chunk?: number): AsyncIterable<T[]>
}

export interface SqlDriver {
  readonly kind: DatabaseTarget['kind']
  /** Runs fn in one transaction on a dedicated connection: commit on return, rollback on throw. */
  transaction<T>(fn: (conn: SqlConn) => Promise<T>): Promise<T>
  /** Runs fn on a dedicated connection outside a transaction (reads, streaming). */
  withConnection<T>(fn: (conn: SqlConn) => Promise<T>): Promise<T>
  close(): Promise<void>
}

const PG_MAX_PARAMS = 60000
// Below this many rows a multi-row INSERT is as quick as COPY's extra round trip.
const PG_COPY_MIN_ROWS = 64
const PG_COPY_CHUNK_CHARS = 256 * 1024
// Rows per multi-row INSERT on SQLite: one statement step instead of many; SQLite allows 32766 parameters.
const SQLITE_ROWS_PER_INSERT = 250
const SQLITE_MAX_PARAMS = 32766

function insertSql(table: string, columns: string[], rows: number): string {
  const tuple = `(${columns.map(() => '?').join(', ')})`
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array.from({ length: rows }, () => tuple).join(', ')}`
}

/** A value in COPY's text format: \N for NULL, backslash escapes for \, tab, newline and CR. */
function copyText(v: SqlValue): string {
  if (v === null || v === undefined) return '\\N'
  const text = typeof v === 'string' ? v : String(toPg(v))
  return /[\\\t\n\r]/.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]) : text
}
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' }

function numbered(sql: string): string {
  let n = 0
  return sql.replace(/\?/g, () => `$${++n}`)
}

// Queries that nearly every API request runs (token check, revision lookup, event history).
// On PostgreSQL they become named prepared statements, parsed and planned once per pooled
// connection instead of on every call; SQLite already reuses its prepared statements.
// Opt-in, because a prepared statement may settle on a generic plan, which suits small
// indexed lookups and not the large, data-dependent queries of imports and diffs.
// On globalThis: Next bundles route handlers and pages into separate module graphs, and every
// graph's marks must reach the one driver (see getSql) that all of them share.
const preparedNames: Map<string, string> = ((globalThis as { __planningHubPrepared?: Map<string, string> }).__planningHubPrepared ??= new Map())

/** Marks `sql` as a hot, small lookup to prepare once per connection; returns it unchanged. */
export function preparedStatement(sql: string): string {
  if (!preparedNames.has(sql)) preparedNames.set(sql, `hot_${preparedNames.size + 1}`)
  return sql
}

/**
 * SQLite hands DateTime columns back as the text they were stored as; the generated types say
 * Date, so typed results are converted here, by column name (the generator checks that a name is
 * a DateTime in every table that has it). An expression aliased to another name stays text.
 */
function readTimestamps(rows: Record<string, unknown>[]): Record<string, unknown>[] {
  if (!rows.length) return rows
  const keys = Object.keys(rows[0]).filter((k) => TIMESTAMP_COLUMNS.has(k))
  if (!keys.length) return rows
  for (const row of rows) {
    for (const k of keys) if (typeof row[k] === 'string' || typeof row[k] === 'number') row[k] = dbTime(row[k])
  }
  return rows
}

function toSqlite(v: SqlValue): unknown {
  // Same text format as the Prisma SQLite adapter writes, so both read each other's timestamps.
  return v instanceof Date ? v.toISOString().replace('Z', '+00:00') : v
}

// Prisma maps DateTime to `timestamp(3)` without time zone on PostgreSQL and treats it as UTC.
// node-postgres would send a Date as local time with an offset (which such a column drops) and
// parse these columns as local time, so both directions are pinned to UTC here.
function toPg(v: SqlValue): unknown {
  return v instanceof Date ? v.toISOString() : v
}
const TIMESTAMP_OID = 1114
// COUNT(*) and SUM over integers are bigint, which node-postgres returns as text; SQLite returns a
// number. Both give numbers here, so one generated type fits both (a count never nears 2^53).
const INT8_OID = 20
function int8(text: string): number {
  const n = Number(text)
  if (!Number.isSafeInteger(n)) throw new Error(`A bigint result (${text}) is beyond what a JavaScript number holds exactly.`)
  return n
}
const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (format === 'binary') return pg.types.getTypeParser(oid, format)
    if (oid === TIMESTAMP_OID) return (text: string) => new Date(`${text.replace(' ', 'T')}Z`)
    if (oid === INT8_OID) return int8
    return pg.types.getTypeParser(oid, format)
  }) as typeof pg.types.getTypeParser,
}

export function openSqliteFile(file: string): Database.Database {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 30000')
  db.pragma('synchronous = NORMAL')
  // SQLite has no hash function; chunk hashes (lib/input-sets/store/section-chunks.ts) need one,
  // as PostgreSQL's sha256() is on that side. Hex of SHA-256 over the text's UTF-8 bytes.
  db.function('sha256_hex', { deterministic: true }, (text: unknown) => (text === null ? null : crypto.createHash('sha256').update(String(text)).digest('hex')))
  return db
}

class SqliteConn implements SqlConn {
  readonly kind = 'sqlite' as const
  private statements = new Map<string, Database.Statement>()
  private typed?: Db
  constructor(private sqlite: Database.Database) {}

  get db(): Db {
    return (this.typed ??= queryBuilder('sqlite', (query) => this.executeCompiled(query)))
  }
  async executeCompiled(query: CompiledQuery): Promise<QueryResult<unknown>> {
    const stmt = this.prepare(query.sql)
    const params = (query.parameters as SqlValue[]).map(toSqlite)
    if (stmt.reader) return { rows: readTimestamps(stmt.all(...params) as Record<string, unknown>[]) }
    const { changes, lastInsertRowid } = stmt.run(...params)
    return { rows: [], numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid) }
  }

  private prepare(sql: string): Database.Statement {
    let stmt = this.statements.get(sql)
    if (!stmt) {
      stmt = this.sqlite.prepare(sql)
      this.statements.set(sql, stmt)
    }
    return stmt
  }
  async run(sql: string, params: SqlValue[] = []) {
    return this.prepare(sql).run(...params.map(toSqlite)).changes
  }
  async all<T>(sql: string, params: SqlValue[] = []) {
    return this.prepare(sql).all(...params.map(toSqlite)) as T[]
  }
  async get<T>(sql: string, params: SqlValue[] = []) {
    return this.prepare(sql).get(...params.map(toSqlite)) as T | undefined
  }
  async insertMany(table: string, columns: string[], rows: SqlValue[][]) {
    const width = columns.length
    const perStatement = Math.max(1, Math.min(SQLITE_ROWS_PER_INSERT, Math.floor(SQLITE_MAX_PARAMS / width)))
    let start = 0
    // Full groups go through one multi-row statement (a row of the wrong length takes the
    // one-row path below, which reports it as before).
    if (perStatement > 1 && rows.length >= perStatement && rows.every((r) => r.length === width)) {
      const stmt = this.prepare(insertSql(table, columns, perStatement))
      const params: unknown[] = new Array(perStatement * width)
      for (; start + perStatement <= rows.length; start += perStatement) {
        let p = 0
        for (let r = start; r < start + perStatement; r++) {
          const row = rows[r]
          for (let c = 0; c < width; c++) params[p++] = toSqlite(row[c])
        }
        stmt.run(params)
      }
    }
    if (start < rows.length) {
      const stmt = this.prepare(insertSql(table, columns, 1))
      for (let r = start; r < rows.length; r++) stmt.run(...rows[r].map(toSqlite))
    }
  }
  async *iterate<T>(sql: string, params: SqlValue[] = [], chunk = 5000): AsyncIterable<T[]> {
    // A fresh statement: better-sqlite3 refuses to reuse one that is mid-iteration.
    let batch: T[] = []
    for (const row of this.sqlite.prepare(sql).iterate(...params.map(toSqlite))) {
      batch.push(row as T)
      if (batch.length >= chunk) {
        yield batch
        batch = []
      }
    }
    if (batch.length) yield batch
  }
}

class PgConn implements SqlConn {
  readonly kind = 'postgres' as const
  private cursorSeq = 0
  private typed?: Db
  constructor(
    private client: pg.PoolClient,
    private readonly inTransaction: boolean,
  ) {}

  get db(): Db {
    return (this.typed ??= queryBuilder('postgres', (query) => this.executeCompiled(query)))
  }
  async executeCompiled(query: CompiledQuery): Promise<QueryResult<unknown>> {
    const name = preparedNames.get(query.sql)
    const values = (query.parameters as SqlValue[]).map(toPg)
    const result = await (name ? this.client.query({ name, text: query.sql, values }) : this.client.query(query.sql, values))
    const changed = result.command === 'INSERT' || result.command === 'UPDATE' || result.command === 'DELETE'
    return { rows: result.rows, ...(changed ? { numAffectedRows: BigInt(result.rowCount ?? 0) } : {}) }
  }

  private query(sql: string, params: SqlValue[]) {
    const name = preparedNames.get(sql)
    const values = params.map(toPg)
    return name ? this.client.query({ name, text: numbered(sql), values }) : this.client.query(numbered(sql), values)
  }
  async run(sql: string, params: SqlValue[] = []) {
    return (await this.query(sql, params)).rowCount ?? 0
  }
  async all<T>(sql: string, params: SqlValue[] = []) {
    return (await this.query(sql, params)).rows as T[]
  }
  async get<T>(sql: string, params: SqlValue[] = []) {
    return (await this.all<T>(sql, params))[0]
  }
  async insertMany(table: string, columns: string[], rows: SqlValue[][]) {
    if (rows.length >= PG_COPY_MIN_ROWS && rows.every((r) => r.length === columns.length)) return this.copyRows(table, columns, rows)
    const perStatement = Math.max(1, Math.floor(PG_MAX_PARAMS / columns.length))
    for (let start = 0; start < rows.length; start += perStatement) {
      const slice = rows.slice(start, start + perStatement)
      const values: unknown[] = []
      const tuples = slice.map((row) => {
        const marks = row.map((v) => {
          values.push(toPg(v))
          return `$${values.length}`
        })
        return `(${marks.join(', ')})`
      })
      await this.client.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`, values)
    }
  }
  /** COPY … FROM STDIN in text format: the server parses each value as it would a parameter. */
  private async copyRows(table: string, columns: string[], rows: SqlValue[][]) {
    const stream = this.client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`))
    let failed = false
    // Settles after the server's ReadyForQuery, or with the server's error (e.g. a constraint).
    const done = finished(stream).catch((err: unknown) => {
      failed = true
      throw err
    })
    let chunk = ''
    for (const row of rows) {
      let line = ''
      for (let c = 0; c < row.length; c++) line += (c > 0 ? '\t' : '') + copyText(row[c])
      chunk += `${line}\n`
      if (chunk.length >= PG_COPY_CHUNK_CHARS) {
        if (failed) break
        const ok = stream.write(chunk)
        chunk = ''
        if (!ok) await Promise.race([once(stream, 'drain'), done])
      }
    }
    if (!failed) stream.end(chunk)
    await done
  }
  async *iterate<T>(sql: string, params: SqlValue[] = [], chunk = 5000): AsyncIterable<T[]> {
    // Cursors live inside a transaction; open one unless the caller already did.
    const name = `stream_${++this.cursorSeq}`
    const ownTransaction = !this.inTransaction
    if (ownTransaction) await this.client.query('BEGIN READ ONLY')
    try {
      await this.client.query(`DECLARE ${name} NO SCROLL CURSOR FOR ${numbered(sql)}`, params.map(toPg))
      for (;;) {
        const { rows } = await this.client.query(`FETCH ${chunk} FROM ${name}`)
        if (!rows.length) break
        yield rows as T[]
      }
      await this.client.query(`CLOSE ${name}`)
    } finally {
      if (ownTransaction) await this.client.query('COMMIT').catch(() => undefined)
    }
  }
}

// Reads reuse a few open connections (with their prepared statements): opening a SQLite
// connection and setting its pragmas costs about half a millisecond, per request.
const MAX_IDLE_READERS = 4

function sqliteDriver(file: string): SqlDriver {
  const open = () => openSqliteFile(file)
  const idle: { db: Database.Database; conn: SqliteConn }[] = []
  const newLease = () => {
    const db = open()
    return { db, conn: new SqliteConn(db) }
  }
  // better-sqlite3 waits for a lock synchronously, which would freeze this process's
  // event loop while another transaction of the same process holds the lock. So
  // transactions of one process take turns here; other processes wait on busy_timeout.
  let queue: Promise<unknown> = Promise.resolve()
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn)
    queue = run.catch(() => undefined)
    return run
  }
  return {
    kind: 'sqlite',
    transaction: (fn) =>
      exclusive(async () => {
        const db = open()
        try {
          // IMMEDIATE takes the write lock up front, so concurrent writers queue on
          // busy_timeout instead of failing when a read would upgrade to a write.
          db.exec('BEGIN IMMEDIATE')
          try {
            const result = await fn(new SqliteConn(db))
            db.exec('COMMIT')
            return result
          } catch (err) {
            if (db.inTransaction) db.exec('ROLLBACK')
            throw err
          }
        } finally {
          db.close()
        }
      }),
    async withConnection(fn) {
      const lease = idle.pop() ?? newLease()
      let reusable = false
      try {
        const result = await fn(lease.conn)
        reusable = !lease.db.inTransaction
        return result
      } finally {
        // A connection whose caller failed may hold an open statement: it is closed, not reused.
        if (reusable && idle.length < MAX_IDLE_READERS) idle.push(lease)
        else lease.db.close()
      }
    },
    async close() {
      while (idle.length) idle.pop()!.db.close()
    },
  }
}

function pgDriver(url: string): SqlDriver {
  const pool = new pg.Pool({ connectionString: url, max: 5, types: pgTypes })
  // An idle connection that the server drops (restart, failover) must not crash the
  // process: the pool discards it and the next query opens a new one.
  pool.on('error', (err) => logError('db_pool_error', errorFields(err)))
  return {
    kind: 'postgres',
    async transaction(fn) {
      const client = await pool.connect()
      try {
        await client.query('BEGIN')
        try {
          const result = await fn(new PgConn(client, true))
          await client.query('COMMIT')
          return result
        } catch (err) {
          await client.query('ROLLBACK').catch(() => undefined)
          throw err
        }
      } finally {
        client.release()
      }
    },
    async withConnection(fn) {
      const client = await pool.connect()
      try {
        return await fn(new PgConn(client, false))
      } finally {
        client.release()
      }
    },
    close: () => pool.end(),
  }
}

type SqlGlobal = { __planningHubSql?: { key: string; driver: SqlDriver } }

/** The process-wide raw driver for the configured database. */
export function getSql(): SqlDriver {
  const target = databaseTarget()
  const key = target.kind === 'sqlite' ? target.file : target.url
  const g = globalThis as SqlGlobal
  if (g.__planningHubSql?.key !== key) {
    const driver = target.kind === 'sqlite' ? sqliteDriver(target.file) : pgDriver(target.url)
    const entry = { key, driver: { ...driver, close: () => forget(entry, driver) } }
    g.__planningHubSql = entry
  }
  return g.__planningHubSql.driver
}

/** Closing the process-wide driver also forgets it, so a later getSql() opens a fresh one. */
function forget(entry: { driver: SqlDriver }, driver: SqlDriver): Promise<void> {
  const g = globalThis as SqlGlobal
  if (g.__planningHubSql?.driver === entry.driver) g.__planningHubSql = undefined
  return driver.close()
}
