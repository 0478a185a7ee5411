// Import benchmark: `npm run bench:import -- [--rows 1000000] [--db sqlite|postgres] [--keep] [--repeat N] [--profile]`.
//
// For each size (1,000,000 demand rows, and --rows too when it is larger: `--rows 3000000` measures
// 1 M and 3 M, to show that memory stays flat) generates a synthetic, valid bundle (seeded, so
// every run writes the same bytes), then measures in separate child processes, each on a fresh
// database:
//   baseline      csv-parse of demand_family.csv + one prepared INSERT per row into demand_row
//                 (SQLite), or COPY … FROM STDIN (PostgreSQL), in one transaction;
//   import-demand the real importBundle() path on a bundle holding only demand_family.csv;
//   import-full   the real importBundle() path on the whole bundle.
// The headline ratio is import-demand / baseline (the baseline handles demand rows only).
// Each child reports its own wall time and peak RSS. It is a report: the exit code is 0
// whether or not the targets are met (PASS/MISS is printed per target and size).
//   --rows N      demand rows (default 1,000,000 = 2,000 families × 500 monthly periods); the other
//                 files scale with it. `--rows 20000` is a smoke run of a few seconds; above
//                 1,000,000 both 1,000,000 and N are measured.
//   --repeat N    run each measured path N times (fresh database each) and report the median time.
//   --keep        keep the work folder (bundle, SQLite files) and PostgreSQL databases.
//   --profile     write a V8 CPU profile per child process into the work folder.
// Timings are wall-clock on a shared machine: the load average is printed with the results.
//
// PostgreSQL: DATABASE_URL=postgresql://user@host:port/db of a server whose user may
// CREATE DATABASE; every measured path gets a fresh database (dropped afterwards unless --keep).
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import {
  cleanUpRun,
  issueLines,
  LineWriter,
  loadAverage,
  noteSmallRun,
  pad,
  peakRssMb,
  prepareAppDatabase,
  prng,
  report,
  RESULT_MARK,
  TARGET_ROWS,
  verdict,
} from './harness'

const SCRIPT = fileURLToPath(import.meta.url)
const ROOT = path.resolve(path.dirname(SCRIPT), '..')
const TARGET_RATIO = 1.5
const TARGET_RSS_MB = 250
const PERIODS = 500
const SEED = 20261125

type Db = 'sqlite' | 'postgres'
type Args = { rows: number; db: Db; keep: boolean; repeat: number; profile: boolean; child?: string; opts: Record<string, string> }

function parseArgs(argv: string[]): Args {
  const a: Args = { rows: 1_000_000, db: 'sqlite', keep: false, repeat: 1, profile: false, opts: {} }
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i]
    const next = () => {
      const v = argv[++i]
      if (v === undefined) throw new Error(`${k} needs a value`)
      return v
    }
    if (k === '--rows') a.rows = Number(next().replace(/_/g, ''))
    else if (k === '--db') a.db = next() as Db
    else if (k === '--keep') a.keep = true
    else if (k === '--repeat') a.repeat = Number(next())
    else if (k === '--profile') a.profile = true
    else if (k === '--child') a.child = next()
    else if (k.startsWith('--')) a.opts[k.slice(2)] = next()
    else throw new Error(`unexpected argument ${k}`)
  }
  if (!Number.isSafeInteger(a.rows) || a.rows < 1) throw new Error('--rows must be a whole number ≥ 1')
  if (a.db !== 'sqlite' && a.db !== 'postgres') throw new Error('--db must be sqlite or postgres')
  if (!Number.isSafeInteger(a.repeat) || a.repeat < 1) throw new Error('--repeat must be a whole number ≥ 1')
  return a
}

// ---------------------------------------------------------------- data generation

type Period = { period: string; start: string; end: string }

function monthPeriods(n: number): Period[] {
  const out: Period[] = []
  for (let i = 0; i < n; i++) {
    const y = 2026 + Math.floor(i / 12)
    const m = (i % 12) + 1
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate()
    out.push({ period: `${y}-${pad(m, 2)}`, start: `${y}-${pad(m, 2)}-01`, end: `${y}-${pad(m, 2)}-${pad(last, 2)}` })
  }
  return out
}

type BundleStats = Record<string, number>

/** Writes the whole bundle into dir; returns rows per file. */
async function generateBundle(dir: string, demandRows: number): Promise<BundleStats> {
  const rnd = prng(SEED)
  const nPeriods = Math.min(PERIODS, demandRows)
  const periods = monthPeriods(nPeriods)
  const families = Math.ceil(demandRows / nPeriods)
  const workcenters = Math.max(1, Math.round(families / 10))
  const stats: BundleStats = {}
  const file = (name: string) => path.join(dir, name)

  // planning_calendar.json: the periods (no weeks).
  fs.writeFileSync(
    file('planning_calendar.json'),
    `${JSON.stringify({ calendar_type: 'monthly', periods: periods.map((p) => ({ period: p.period, start_date: p.start, end_date: p.end })) }, null, 1)}\n`,
  )
  stats['planning_calendar.json'] = periods.length

  // demand_family.csv: family-major, exactly demandRows rows.
  const demand = new LineWriter(file('demand_family.csv'), 'family,period,demand')
  let written = 0
  for (let f = 0; f < families && written < demandRows; f++) {
    const fam = `FAM${pad(f + 1, 5)}`
    const level = rnd.int(50, 5000)
    for (let p = 0; p < nPeriods && written < demandRows; p++, written++) {
      // Mostly two decimals, some whole numbers, a few zeros.
      const r = rnd.next()
      const v = r < 0.02 ? '0' : r < 0.3 ? String(Math.round(level * (0.5 + rnd.next()))) : (level * (0.5 + rnd.next())).toFixed(2)
      await demand.line(`${fam},${periods[p].period},${v}`)
    }
  }
  await demand.close()
  stats['demand_family.csv'] = written

  // mix_share.csv: 2–4 SKUs per family; shares in hundredths summing to exactly 1.
  const mix = new LineWriter(file('mix_share.csv'), 'family,sku,share')
  const skus: string[] = []
  stats['mix_share.csv'] = 0
  for (let f = 0; f < families; f++) {
    const fam = `FAM${pad(f + 1, 5)}`
    const k = rnd.int(2, 4)
    let left = 100
    for (let s = 0; s < k; s++) {
      const part = s === k - 1 ? left : rnd.int(10, left - 10 * (k - s - 1))
      left -= part
      const sku = `${fam}-S${s + 1}`
      skus.push(sku)
      await mix.line(`${fam},${sku},${(part / 100).toString()}`)
      stats['mix_share.csv']++
    }
  }
  await mix.close()

  // item.csv: every SKU and the components.
  const components = Array.from({ length: Math.max(10, Math.round(skus.length / 10)) }, (_, i) => `CMP${pad(i + 1, 5)}`)
  const item = new LineWriter(file('item.csv'), 'item,lt,lot,moq')
  for (const it of [...skus, ...components]) await item.line(`${it},${rnd.int(0, 8)},${rnd.int(1, 50)},${rnd.int(0, 100)}`)
  await item.close()
  stats['item.csv'] = skus.length + components.length

  // bom.csv: 2–3 distinct components per SKU.
  const bom = new LineWriter(file('bom.csv'), 'parent,child,qty')
  stats['bom.csv'] = 0
  for (const sku of skus) {
    const k = rnd.int(2, 3)
    const first = rnd.int(0, components.length - 1)
    for (let c = 0; c < k; c++) {
      await bom.line(`${sku},${components[(first + c * 7) % components.length]},${rnd.int(1, 4)}`)
      stats['bom.csv']++
    }
  }
  await bom.close()

  // inventory.csv: SKUs at two locations, components at one.
  const inv = new LineWriter(file('inventory.csv'), 'item,loc,qty,safety_stock,reorder_point,order_up_to')
  stats['inventory.csv'] = 0
  for (const sku of skus) {
    for (const loc of ['DC1', 'DC2']) {
      const ss = rnd.int(0, 200)
      await inv.line(`${sku},${loc},${rnd.int(0, 2000)},${ss},${ss + rnd.int(0, 100)},${ss + rnd.int(100, 500)}`)
      stats['inventory.csv']++
    }
  }
  for (const cmp of components) {
    await inv.line(`${cmp},PLANT,${rnd.int(0, 5000)},,,`)
    stats['inventory.csv']++
  }
  await inv.close()

  // open_po.csv: three POs per component, due inside the horizon (ISO dates or period keys).
  const po = new LineWriter(file('open_po.csv'), 'item,due,qty,po_id,source_node,dest_node')
  let poSeq = 0
  for (const cmp of components) {
    for (let k = 0; k < 3; k++) {
      const p = periods[rnd.int(0, Math.min(nPeriods, 24) - 1)]
      const due = k === 0 ? p.period : `${p.period}-${pad(rnd.int(1, 28), 2)}`
      await po.line(`${cmp},${due},${rnd.int(10, 1000)},PO${pad(++poSeq, 7)},SUP${pad(rnd.int(1, 20), 3)},PLANT`)
    }
  }
  await po.close()
  stats['open_po.csv'] = poSeq

  // capacity.csv: workcenters × periods.
  const cap = new LineWriter(file('capacity.csv'), 'workcenter,period,capacity,resource_type')
  for (let w = 0; w < workcenters; w++) {
    const wc = `WC${pad(w + 1, 4)}`
    const base = rnd.int(100, 10000)
    for (const p of periods) await cap.line(`${wc},${p.period},${Math.round(base * (0.8 + 0.4 * rnd.next()))},workcenter`)
  }
  await cap.close()
  stats['capacity.csv'] = workcenters * periods.length

  const cost = new LineWriter(file('period_cost.csv'), 'period,cost')
  const score = new LineWriter(file('period_score.csv'), 'period,score')
  for (const p of periods) {
    await cost.line(`${p.period},${(1 + rnd.next()).toFixed(3)}`)
    await score.line(`${p.period},${(rnd.next() * 100).toFixed(1)}`)
  }
  await cost.close()
  await score.close()
  stats['period_cost.csv'] = stats['period_score.csv'] = periods.length
  return stats
}

// ---------------------------------------------------------------- child processes

type ChildResult = { ms: number; rows: number; maxRssMb: number; errors?: number; warnings?: number; issues?: string[]; contentHash?: string; note?: string }

async function childImport(opts: Record<string, string>): Promise<void> {
  const { getSql, importBundle, openBundle, cliActor, close } = await prepareAppDatabase(opts.url)
  // Open the database and load the query layer before timing: a one-off per process, not part of an import.
  await getSql().withConnection((conn) => conn.db.selectFrom('config_version').select('id').where('id', '=', 1).execute())
  const source = await openBundle(opts.bundle)
  const started = performance.now()
  const { report: r } = await importBundle({ source, label: 'bench', configVersionId: 1, actor: cliActor('bench') })
  const ms = performance.now() - started
  source.close()
  const rows = Object.values(r.files).reduce((n, c) => n + (c?.rows_accepted ?? 0), 0)
  await close()
  report({ ms, rows, maxRssMb: peakRssMb(), errors: r.counts.errors, warnings: r.counts.warnings, issues: issueLines(r.issues), contentHash: r.content_hash })
}

/** A fresh migrated database with config version, input set and one draft revision for the FK. */
async function prepareBaselineDb(url: string): Promise<void> {
  process.env.DATABASE_URL = url
  const { applyMigrations } = await import('../lib/db/migrations')
  const { getSql } = await import('../lib/db/sql')
  await applyMigrations({ warn: () => undefined })
  const sql = getSql()
  await sql.withConnection(async (c) => {
    const at = new Date()
    await c.run(`INSERT INTO config_version (id, name, created_at) VALUES (1, 'bench', ?)`, [at])
    await c.run(`INSERT INTO input_set (id, label, config_version_id, created_at, updated_at) VALUES (1, 'bench', 1, ?, ?)`, [at, at])
    await c.run(
      `INSERT INTO input_set_revision (id, input_set_id, number, status, content_hash, uploaded_by, uploaded_by_id, uploaded_at)
       VALUES (1, 1, 1, 'draft', '', 'bench', 'cli:bench', ?)`,
      [at],
    )
  })
  await sql.close()
}

async function csvRecords(file: string): Promise<AsyncIterable<string[]>> {
  const { parse } = await import('csv-parse')
  return fs.createReadStream(file).pipe(parse({ from_line: 2 })) as AsyncIterable<string[]>
}

async function childBaselineSqlite(opts: Record<string, string>): Promise<void> {
  await prepareBaselineDb(`file:${opts.dbfile}`)
  const { openSqliteFile } = await import('../lib/db/sql')
  const db = openSqliteFile(opts.dbfile)
  const started = performance.now()
  const insert = db.prepare(`INSERT INTO demand_row (revision_id, family, period, demand, extra_json) VALUES (?, ?, ?, ?, ?)`)
  let rows = 0
  db.exec('BEGIN IMMEDIATE')
  for await (const r of await csvRecords(opts.csv)) {
    insert.run(1, r[0], r[1], Number(r[2]), null)
    rows++
  }
  db.exec('COMMIT')
  const ms = performance.now() - started
  db.close()
  report({ ms, rows, maxRssMb: peakRssMb() })
}

async function childBaselinePg(opts: Record<string, string>): Promise<void> {
  await prepareBaselineDb(opts.url)
  const pg = (await import('pg')).default
  const client = new pg.Client({ connectionString: opts.url })
  await client.connect()
  let copyFrom: ((sql: string) => unknown) | undefined
  try {
    copyFrom = (await import('pg-copy-streams' as string)).from
  } catch {
    copyFrom = undefined
  }
  const started = performance.now()
  let rows = 0
  await client.query('BEGIN')
  let note: string
  if (copyFrom) {
    note = 'COPY demand_row FROM STDIN (pg-copy-streams)'
    const stream = client.query(
      copyFrom('COPY demand_row (revision_id, family, period, demand, extra_json) FROM STDIN') as never,
    ) as unknown as NodeJS.WritableStream
    const done = new Promise<void>((resolve, reject) => {
      stream.on('finish', () => resolve())
      stream.on('error', reject)
    })
    let chunk = ''
    for await (const r of await csvRecords(opts.csv)) {
      chunk += `1\t${r[0]}\t${r[1]}\t${Number(r[2])}\t\\N\n`
      rows++
      if (chunk.length > 65536) {
        if (!stream.write(chunk)) await new Promise((res) => stream.once('drain', res))
        chunk = ''
      }
    }
    stream.end(chunk)
    await done
  } else {
    note = 'pg-copy-streams is not installed: baseline uses multi-row INSERT (12,000 rows per statement), not COPY'
    const per = 12000
    let values: unknown[] = []
    const flush = async () => {
      if (!values.length) return
      const tuples: string[] = []
      for (let i = 0; i < values.length; i += 4) tuples.push(`(1, $${i + 1}, $${i + 2}, $${i + 3}, $${i + 4})`)
      await client.query(`INSERT INTO demand_row (revision_id, family, period, demand, extra_json) VALUES ${tuples.join(', ')}`, values)
      values = []
    }
    for await (const r of await csvRecords(opts.csv)) {
      values.push(r[0], r[1], Number(r[2]), null)
      rows++
      if (values.length >= per * 4) await flush()
    }
    await flush()
  }
  await client.query('COMMIT')
  const ms = performance.now() - started
  await client.end()
  report({ ms, rows, maxRssMb: peakRssMb(), note })
}

function runChild(mode: string, opts: Record<string, string>, profileDir?: string): Promise<ChildResult> {
  const args = ['--import', 'tsx']
  if (profileDir) args.push('--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${mode}-${Date.now()}.cpuprofile`)
  args.push(SCRIPT, '--child', mode, ...Object.entries(opts).flatMap(([k, v]) => [`--${k}`, v]))
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, DATABASE_URL: '' } })
    let out = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.on('error', reject)
    child.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith(RESULT_MARK))
      if (code !== 0 || !line) return reject(new Error(`${mode} child exited with ${code}\n${out}`))
      resolve(JSON.parse(line.slice(RESULT_MARK.length)) as ChildResult)
    })
  })
}

// ---------------------------------------------------------------- PostgreSQL databases

async function pgAdmin(adminUrl: string) {
  const pg = (await import('pg')).default
  const created: string[] = []
  const withClient = async (fn: (c: InstanceType<typeof pg.Client>) => Promise<void>) => {
    const c = new pg.Client({ connectionString: adminUrl })
    await c.connect()
    try {
      await fn(c)
    } finally {
      await c.end()
    }
  }
  return {
    async fresh(tag: string): Promise<string> {
      const name = `bench_import_${process.pid}_${created.length + 1}_${tag.replace(/\W/g, '_')}`
      await withClient((c) => c.query(`CREATE DATABASE ${name}`).then(() => undefined))
      created.push(name)
      const u = new URL(adminUrl)
      u.pathname = `/${name}`
      return u.toString()
    },
    async dropAll(): Promise<void> {
      for (const name of created) await withClient((c) => c.query(`DROP DATABASE IF EXISTS ${name}`).then(() => undefined))
    },
    created,
  }
}

// ---------------------------------------------------------------- main

async function measureSize(
  args: Args,
  demandRows: number,
  root: string,
  admin: Awaited<ReturnType<typeof pgAdmin>> | undefined,
  load: () => string,
  profileDir: string | undefined,
): Promise<string[]> {
  const work = path.join(root, String(demandRows))
  const full = path.join(work, 'bundle-full')
  const demandOnly = path.join(work, 'bundle-demand')
  fs.mkdirSync(full, { recursive: true })
  fs.mkdirSync(demandOnly)
  console.log('')
  console.log(`== ${demandRows.toLocaleString('en-US')} demand rows`)
  const t0 = performance.now()
  const stats = await generateBundle(full, demandRows)
  fs.linkSync(path.join(full, 'demand_family.csv'), path.join(demandOnly, 'demand_family.csv'))
  const totalRows = Object.entries(stats).reduce((n, [f, r]) => n + (f.endsWith('.csv') ? r : 0), 0)
  const bytes = fs.statSync(path.join(full, 'demand_family.csv')).size
  console.log(
    `generated in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${Object.entries(stats)
      .map(([f, n]) => `${f} ${n.toLocaleString('en-US')}`)
      .join(', ')}`,
  )
  console.log(`demand_family.csv: ${(bytes / 1048576).toFixed(1)} MB; whole bundle: ${totalRows.toLocaleString('en-US')} CSV rows`)

  let seq = 0
  const target = async (tag: string) =>
    admin ? { url: await admin.fresh(tag) } : { url: `file:${path.join(work, `db-${++seq}-${tag}.sqlite`)}`, dbfile: path.join(work, `db-${seq}-${tag}.sqlite`) }
  const measure = async (name: string, mode: string, extra: (t: { url: string; dbfile?: string }) => Record<string, string>): Promise<Measured> => {
    const results: ChildResult[] = []
    for (let i = 0; i < args.repeat; i++) {
      const t = await target(name)
      const r = await runChild(mode, { url: t.url, ...(t.dbfile ? { dbfile: t.dbfile } : {}), ...extra(t) }, profileDir)
      results.push(r)
      if (!args.keep && t.dbfile) for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${t.dbfile}${suffix}`, { force: true })
      process.stdout.write(`  ${name} run ${i + 1}: ${(r.ms / 1000).toFixed(2)} s, peak RSS ${r.maxRssMb.toFixed(0)} MB\n`)
    }
    const ms = median(results.map((r) => r.ms))
    const maxRssMb = Math.max(...results.map((r) => r.maxRssMb))
    return { name, result: { ...results[0], ms, maxRssMb }, runs: results.map((r) => r.ms) }
  }

  const demandCsv = path.join(full, 'demand_family.csv')
  const baseline = await measure('baseline', args.db === 'sqlite' ? 'baseline-sqlite' : 'baseline-pg', () => ({ csv: demandCsv }))
  const importDemand = await measure('import-demand', 'import', () => ({ bundle: demandOnly }))
  const importFull = await measure('import-full', 'import', () => ({ bundle: full }))

  const row = (label: string, m: Measured) => {
    const r = m.result
    const s = r.ms / 1000
    const rate = Math.round(r.rows / s).toLocaleString('en-US')
    const issues = r.errors !== undefined ? `  errors ${r.errors}, warnings ${r.warnings}` : ''
    return `${label.padEnd(34)} ${r.rows.toLocaleString('en-US').padStart(10)} rows  ${s.toFixed(2).padStart(7)} s  ${rate.padStart(10)} rows/s  peak RSS ${r.maxRssMb.toFixed(0).padStart(4)} MB${issues}`
  }
  console.log('')
  console.log(
    `results (${args.db}; wall time of the measured path inside its own child process${args.repeat > 1 ? `, median of ${args.repeat}` : ''}; load average now ${load()}):`,
  )
  const baselineLabel =
    args.db === 'sqlite'
      ? 'baseline (csv-parse + INSERT)'
      : baseline.result.note?.startsWith('COPY')
        ? 'baseline (csv-parse + COPY)'
        : 'baseline (csv-parse + multi-row INSERT)'
  console.log(row(baselineLabel, baseline))
  console.log(row('import, demand_family.csv only', importDemand))
  console.log(row('import, whole bundle', importFull))
  if (baseline.result.note) console.log(`note: ${baseline.result.note}`)
  for (const m of [importDemand, importFull]) {
    for (const i of m.result.issues ?? []) console.log(`  ${m.name}: ${i}`)
    if (m.result.errors) console.log(`  WARNING: ${m.name} reported ${m.result.errors} errors: the generated bundle should be valid`)
  }
  if (importDemand.result.rows !== baseline.result.rows)
    console.log(`  WARNING: row counts differ (import ${importDemand.result.rows}, baseline ${baseline.result.rows})`)

  const ratio = importDemand.result.ms / baseline.result.ms
  const rssDemand = importDemand.result.maxRssMb
  const rssFull = importFull.result.maxRssMb
  console.log('')
  const size = `${demandRows.toLocaleString('en-US')} rows`
  const verdicts = [
    `${size}: ratio = import_time / baseline_time (demand_family.csv only) = ${ratio.toFixed(2)}   target ≤ ${TARGET_RATIO}: ${verdict(ratio <= TARGET_RATIO)}`,
    `${size}: peak RSS, import demand only = ${rssDemand.toFixed(0)} MB   target < ${TARGET_RSS_MB} MB: ${verdict(rssDemand < TARGET_RSS_MB)}`,
    `${size}: peak RSS, import whole bundle = ${rssFull.toFixed(0)} MB   target < ${TARGET_RSS_MB} MB: ${verdict(rssFull < TARGET_RSS_MB)}`,
  ]
  for (const v of verdicts) console.log(v)
  console.log(
    `whole bundle: ${(importFull.result.ms / 1000).toFixed(2)} s for ${importFull.result.rows.toLocaleString('en-US')} rows (${Math.round(importFull.result.rows / (importFull.result.ms / 1000)).toLocaleString('en-US')} rows/s)`,
  )
  // The next size's files take the disk space.
  if (!args.keep) fs.rmSync(work, { recursive: true, force: true })
  return verdicts
}

type Measured = { name: string; result: ChildResult; runs: number[] }

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2))
  if (args.child === 'import') return childImport(args.opts)
  if (args.child === 'baseline-sqlite') return childBaselineSqlite(args.opts)
  if (args.child === 'baseline-pg') return childBaselinePg(args.opts)
  if (args.child) throw new Error(`unknown child mode ${args.child}`)

  const adminUrl = process.env.DATABASE_URL ?? ''
  if (args.db === 'postgres' && !/^postgres(ql)?:\/\//.test(adminUrl)) {
    console.error('--db postgres needs DATABASE_URL=postgresql://user@host:port/db of a server whose user may CREATE DATABASE.')
    process.exit(2)
  }

  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-import-'))
  const profileDir = args.profile ? path.join(work, 'profiles') : undefined
  const admin = args.db === 'postgres' ? await pgAdmin(adminUrl) : undefined
  const load = loadAverage
  console.log(
    `bench:import — ${args.rows > TARGET_ROWS ? `${TARGET_ROWS.toLocaleString('en-US')} and ` : ''}${args.rows.toLocaleString('en-US')} demand rows, ${args.db}, Node ${process.version}, ${os.cpus().length} CPUs, load average ${load()}`,
  )
  console.log(`work folder: ${work}`)

  try {
    const sizes = args.rows > TARGET_ROWS ? [TARGET_ROWS, args.rows] : [args.rows]
    const verdicts: string[] = []
    for (const rows of sizes) verdicts.push(...(await measureSize(args, rows, work, admin, load, profileDir)))
    if (sizes.length > 1) {
      console.log('')
      console.log('summary:')
      for (const v of verdicts) console.log(`  ${v}`)
    }
    noteSmallRun(args.rows, '1,000,000 rows and more')
    if (profileDir) console.log(`CPU profiles: ${profileDir}`)
  } finally {
    await cleanUpRun({ work, keep: args.keep, databases: admin?.created, dropDatabases: admin?.dropAll })
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err)
  process.exit(1)
})
