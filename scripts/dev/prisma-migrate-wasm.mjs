#!/usr/bin/env node
// Dev-time Prisma Migrate without the native schema engine (which Prisma downloads from its CDN):
// drives Prisma's WebAssembly schema engine (@prisma/schema-engine-wasm) through the Prisma 7
// driver adapters. Applying migrations elsewhere is `npm run db:migrate` (lib/db/migrations.ts).
//
// usage: npm run db:migration:create -- <sqlite|postgres> <command> [--name NAME] [--url URL] [--create-only]
//   dev      create a migration for the schema changes and apply it to the dev database; with
//            --create-only it is only written (edit migration.sql by hand, then `deploy`), and an
//            empty one is written when nothing changed, as `prisma migrate dev --create-only` does
//   deploy | status | diff | push [--force] | reset
// database: --url URL, else SQLITE_URL (default file:./data/planning-hub.db) or DATABASE_URL (postgresql://).
// `diff` prints the SQL that would bring the migrations in line with the schema ("empty" = in sync).
import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'
import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { bindMigrationAwareSqlAdapterFactory, ColumnTypeEnum } from '@prisma/driver-adapter-utils'
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaPg } from '@prisma/adapter-pg'

const require = createRequire(import.meta.url)
const root = process.cwd()
const argValue = (flag) => (process.argv.includes(flag) ? process.argv[process.argv.indexOf(flag) + 1] : undefined)
const PROVIDERS = {
  sqlite: {
    schemaDir: 'prisma/sqlite',
    migrationsDir: 'prisma/sqlite/migrations',
    url: () => argValue('--url') ?? process.env.SQLITE_URL ?? 'file:./data/planning-hub.db',
  },
  postgres: {
    schemaDir: 'prisma/postgres',
    migrationsDir: 'prisma/postgres/migrations',
    url: () => argValue('--url') ?? process.env.DATABASE_URL,
  },
}
const noFilters = { externalTables: [], externalEnums: [] }
const opened = [] // adapters handed to the engine; disposed before exit (closes SQLite files / pg pools)
const track = async (adapterPromise) => {
  const a = await adapterPromise
  opened.push(a)
  return a
}

// ---------- engine loading ----------
async function loadSchemaEngine() {
  // The engine reports a Rust panic through this global before throwing; without it the panic
  // message is lost behind "Cannot read properties of undefined (reading 'set_message')".
  globalThis.PRISMA_WASM_PANIC_REGISTRY = { set_message: (message) => console.error(`schema engine panic: ${message}`) }
  // @prisma/schema-engine-wasm's "exports" hide its .wasm; resolve the JS glue and read the .wasm beside it.
  const gluePath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg')
  const bg = await import('@prisma/schema-engine-wasm/schema_engine_bg')
  const wasmPath = process.env.SCHEMA_ENGINE_WASM ?? path.join(path.dirname(gluePath), 'schema_engine_bg.wasm')
  const instance = new WebAssembly.Instance(new WebAssembly.Module(fs.readFileSync(wasmPath)), { './schema_engine_bg.js': bg })
  bg.__wbg_set_wasm(instance.exports)
  instance.exports.__wbindgen_start()
  return bg.SchemaEngine
}

// ---------- files ----------
function readSchemaFiles(dir) {
  const out = []
  const walk = (d) => {
    for (const e of fs.readdirSync(d).sort()) {
      const p = path.join(d, e)
      const st = fs.statSync(p) // follows symlinks (shared models file)
      if (st.isDirectory()) {
        if (e !== 'migrations') walk(p)
      } else if (e.endsWith('.prisma')) out.push({ path: p, content: fs.readFileSync(p, 'utf8') })
    }
  }
  walk(path.resolve(root, dir))
  return out
}

function readMigrationsList(dir) {
  const baseDir = path.resolve(root, dir)
  const lock = path.join(baseDir, 'migration_lock.toml')
  const names = fs.existsSync(baseDir)
    ? fs
        .readdirSync(baseDir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
    : []
  return {
    baseDir,
    lockfile: { path: 'migration_lock.toml', content: fs.existsSync(lock) ? fs.readFileSync(lock, 'utf8') : null },
    shadowDbInitScript: '',
    migrationDirectories: names.map((name) => {
      const f = path.join(baseDir, name, 'migration.sql')
      return {
        path: name,
        migrationFile: {
          path: 'migration.sql',
          content: fs.existsSync(f) ? { tag: 'ok', value: fs.readFileSync(f, 'utf8') } : { tag: 'error', value: `${f} is missing` },
        },
      }
    }),
  }
}

// ---------- adapters (with workarounds for the WASM engine, see notes) ----------
function sqliteFile(url) {
  if (!url.startsWith('file:')) throw new Error(`SQLite url must start with file: (got ${url})`)
  return path.resolve(root, url.slice(5))
}

// To read a partial index's WHERE clause the engine queries sqlite_master with the index name in
// double quotes; better-sqlite3 is built without double-quoted string literals (SQLITE_DQS=0), so
// SQLite reads it as a column ("no such column"). Quote that one literal the standard way.
const INDEX_SQL_QUERY = /^(SELECT sql FROM sqlite_master WHERE type = 'index' AND name = )"([^"']*)"(;?)$/
function withIndexSqlQuoting(adapter) {
  const queryRaw = adapter.queryRaw.bind(adapter)
  adapter.queryRaw = (q) => queryRaw({ ...q, sql: q.sql.replace(INDEX_SQL_QUERY, "$1'$2'$3") })
  return adapter
}

function sqliteFactory(url) {
  // better-sqlite3 does not create the parent folder (data/ is not in git).
  fs.mkdirSync(path.dirname(sqliteFile(url)), { recursive: true })
  const factory = new PrismaBetterSqlite3({ url: sqliteFile(url) })
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => withIndexSqlQuoting(await track(factory.connect())),
    // The engine replays migration.sql files into the (in-memory) shadow DB with executeRaw, which
    // better-sqlite3 runs via prepare().run(): one statement only. Run parameterless SQL as a script.
    async connectToShadowDb() {
      const adapter = withIndexSqlQuoting(await track(factory.connectToShadowDb()))
      const executeRaw = adapter.executeRaw.bind(adapter)
      adapter.executeRaw = async (q) => {
        if (q.args.length > 0) return executeRaw(q)
        await adapter.executeScript(q.sql)
        return 0
      }
      return adapter
    },
  }
}

function pgConfig(url) {
  if (!url || !/^postgres(ql)?:\/\//.test(url)) throw new Error('set DATABASE_URL (or --url) to a postgresql:// URL')
  const u = new URL(url)
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: u.password ? decodeURIComponent(u.password) : undefined,
    database: u.pathname.slice(1) || 'postgres',
  }
}
// The engine reads pg_catalog columns of type "char" (oid 18) and name (oid 19); @prisma/adapter-pg
// rejects them ("Column type 'char' could not be deserialized"). Report both as text (oid 25), and
// remember which were "char": the describer reads e.g. pg_constraint.contype as a char (a text value
// panics it as soon as a CHECK constraint exists), so withCharColumns() re-types them.
class CatalogTextClient extends pg.Client {
  _handleRowDescription(msg) {
    const charColumns = []
    msg.fields.forEach((f, i) => {
      if (f.dataTypeID === 18) charColumns.push(i)
      if (f.dataTypeID === 18 || f.dataTypeID === 19) f.dataTypeID = 25
    })
    super._handleRowDescription(msg)
    const result = this._getActiveQuery()?._result
    if (result) result.charColumns = charColumns
  }
}
function withCharColumns(adapter) {
  const queryRaw = adapter.queryRaw
  adapter.queryRaw = async (query) => {
    let charColumns = []
    // A per-call view whose performIO captures this query's pg result (safe with concurrent queries).
    const view = Object.create(adapter, {
      performIO: {
        value: async (q) => {
          const r = await adapter.performIO(q)
          charColumns = r?.charColumns ?? []
          return r
        },
      },
    })
    const result = await queryRaw.call(view, query)
    for (const i of charColumns) result.columnTypes[i] = ColumnTypeEnum.Character
    return result
  }
  return adapter
}
function pgFactory(url) {
  const base = pgConfig(url)
  const cfg = { ...base, Client: CatalogTextClient }
  const main = new PrismaPg(cfg)
  return {
    provider: main.provider,
    adapterName: main.adapterName,
    connect: async () => withCharColumns(await track(main.connect())),
    // PrismaPg.connectToShadowDb keeps connectionString (which overrides the shadow db name) and drops
    // the shadow db before closing its pool; create and drop it here instead.
    async connectToShadowDb() {
      const admin = new pg.Client(base)
      await admin.connect()
      const name = `prisma_shadow_${randomUUID().replace(/-/g, '')}`
      await admin.query(`CREATE DATABASE "${name}"`)
      const adapter = withCharColumns(await track(new PrismaPg({ ...cfg, database: name }).connect()))
      const dispose = adapter.dispose.bind(adapter)
      let disposed = false
      adapter.dispose = async () => {
        if (disposed) return
        disposed = true
        await dispose()
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
        await admin.end()
      }
      return adapter
    },
  }
}

function writeLockfile(dir, provider) {
  fs.mkdirSync(dir, { recursive: true })
  fs.writeFileSync(
    path.join(dir, 'migration_lock.toml'),
    `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${provider}"\n`,
  )
}

// ---------- main ----------
async function main() {
  const [which, cmd] = process.argv.slice(2)
  const prov = PROVIDERS[which]
  if (!prov || !cmd || cmd.startsWith('-')) {
    throw new Error('usage: prisma-migrate-wasm.mjs <sqlite|postgres> <dev|deploy|status|diff|push|reset> [--name NAME] [--url URL]')
  }
  const name = argValue('--name') ?? 'migration'
  const url = prov.url()

  if (which === 'sqlite' && cmd === 'reset') {
    // engine.reset() is a no-op for SQLite through the adapter: delete the file, then deploy.
    const file = sqliteFile(url)
    for (const f of [file, `${file}-journal`, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true })
    console.log(`deleted ${path.relative(root, file)}`)
    return main2(which, 'deploy', name, prov, url)
  }
  return main2(which, cmd, name, prov, url)
}

async function main2(which, cmd, name, prov, url) {
  const SchemaEngine = await loadSchemaEngine()
  const files = readSchemaFiles(prov.schemaDir)
  const adapter = bindMigrationAwareSqlAdapterFactory(which === 'sqlite' ? sqliteFactory(url) : pgFactory(url))
  const engine = await SchemaEngine.new(
    { datamodels: files.map((f) => [f.path, f.content]) },
    (log) => {
      if (process.env.DEBUG_SCHEMA_ENGINE) console.error(log)
    },
    adapter,
  )
  const list = () => readMigrationsList(prov.migrationsDir)
  // The SQLite flavour of the WASM engine does not treat a missing _prisma_migrations table as
  // "not initialized" (P1014). applyMigrations() creates it on an empty database first.
  const init = () => engine.applyMigrations({ migrationsList: list(), filters: noFilters })
  try {
    switch (cmd) {
      case 'deploy': {
        const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList: list(), filters: noFilters })
        console.log(appliedMigrationNames.length ? `applied: ${appliedMigrationNames.join(', ')}` : 'no pending migrations')
        break
      }
      case 'status': {
        const r = await engine.diagnoseMigrationHistory({ migrationsList: list(), optInToShadowDatabase: false, filters: noFilters })
        console.log(JSON.stringify(r))
        if (r.history || r.failedMigrationNames.length || r.editedMigrationNames.length) process.exitCode = 1
        break
      }
      case 'diff': {
        const from = list().migrationDirectories.length ? { tag: 'migrations', ...list() } : { tag: 'empty' }
        const r = await engine.diff({ from, to: { tag: 'schemaDatamodel', files }, script: true, exitCode: null, filters: noFilters })
        process.stdout.write(r.stdout ?? '')
        break
      }
      case 'push': {
        const r = await engine.schemaPush({ schema: { files }, force: process.argv.includes('--force'), filters: noFilters })
        console.log(JSON.stringify(r))
        if (r.unexecutable.length || (r.warnings.length && !process.argv.includes('--force'))) process.exitCode = 1
        break
      }
      case 'reset': {
        await engine.reset({ filter: noFilters })
        const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList: list(), filters: noFilters })
        console.log(`reset; applied: ${appliedMigrationNames.join(', ') || '(none)'}`)
        break
      }
      case 'dev': {
        if (which === 'sqlite') {
          const { appliedMigrationNames } = await init()
          if (appliedMigrationNames.length) console.log(`applied pending: ${appliedMigrationNames.join(', ')}`)
        }
        // devDiagnostic must run first in the same engine instance: it also sets up the shadow database
        // that createMigration needs ("shadow DB must be provided through an external factory" otherwise).
        const diagnose = async () => {
          const diag = await engine.devDiagnostic({ migrationsList: list(), filters: noFilters })
          if (diag.action.tag === 'reset') throw new Error(`drift detected, reset needed: ${diag.action.reason}`)
        }
        await diagnose()
        const pending = await engine.applyMigrations({ migrationsList: list(), filters: noFilters })
        // Applying pending migrations uses up that shadow database (PostgreSQL); set up a fresh one.
        if (pending.appliedMigrationNames.length) {
          console.log(`applied pending: ${pending.appliedMigrationNames.join(', ')}`)
          await diagnose()
        }
        const r = await engine.createMigration({
          draft: process.argv.includes('--create-only'),
          migrationName: name,
          migrationsList: list(),
          schema: { files },
          filters: noFilters,
        })
        if (!r.migrationScript) {
          console.log('already in sync, no migration created')
          break
        }
        const dir = path.resolve(root, prov.migrationsDir, r.generatedMigrationName)
        fs.mkdirSync(dir, { recursive: true })
        fs.writeFileSync(path.join(dir, `migration.${r.extension}`), r.migrationScript)
        writeLockfile(path.resolve(root, prov.migrationsDir), r.connectorType)
        console.log(`created ${path.relative(root, dir)}/migration.${r.extension}`)
        if (!process.argv.includes('--create-only')) {
          const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList: list(), filters: noFilters })
          console.log(`applied: ${appliedMigrationNames.join(', ')}`)
        }
        break
      }
      default:
        throw new Error(`unknown command ${cmd}`)
    }
  } finally {
    engine.free()
    for (const a of opened.splice(0)) await a.dispose().catch(() => {})
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0), // exit now: the WASM engine leaves a 60 s timer behind
  (e) => {
    // Engine errors carry their own Rust trace in the message; JS stacks only help when debugging.
    const text = process.env.DEBUG_SCHEMA_ENGINE ? (e?.stack ?? e) : (e?.message ?? e)
    console.error(e?.code ? `${e.code}: ${text}` : text)
    process.exit(1)
  },
)
