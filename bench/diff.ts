// Diff benchmark: `npx tsx bench/diff.ts -- [--rows 1000000] [--daff-timeout 60] [--pg URL] [--keep]`.
//
// Generates two demand_family.csv bundles of N rows each (seeded, so every run writes the same
// bytes): A holds 2,000 families × N/2,000 monthly periods; B is A with exactly 1 % of the rows
// changed (a new demand value), 0.5 % removed and 0.5 % added (new families). Both are imported
// into one fresh database (SQLite, or PostgreSQL with --pg) as labels 'a' and 'b' (not timed). Then, each in its own child
// process that reports its wall time and peak RSS:
//   engine    what a background diff job does: diffRevisions(a, b, { limit: JOB_LIST_LIMIT })
//             (current a, reference b) and the report written as JSON to a file in the work folder;
//   sql       a hand-written SQL baseline on the same database: added / removed / changed
//             demand_row rows by (family, period) for the two revision ids, via LEFT JOINs,
//             with the changed rows' values materialised in memory;
//   daff      the daff library on the two CSV files (family, period as primary key), if it is
//             installed; the child is killed after --daff-timeout seconds.
// Direction: with current = a and reference = b, the rows planted as removed from B show as
// "added" and the rows planted as added to B show as "removed".
// It is a report: the exit code is 0 whether or not the targets are met (PASS/MISS is printed).
//   --rows N          demand rows per bundle (default 1,000,000); `--rows 20000` is a smoke run.
//   --daff-timeout S  seconds before the daff child is killed (default 60).
//   --pg URL          run the engine and the SQL baseline on PostgreSQL: URL of a server (a database
//                     the user may create databases from); a fresh database is created there for
//                     the run and dropped afterwards. daff reads the CSV files either way.
//   --analyze         with --pg: ANALYZE the loaded tables before measuring (not timed), as
//                     autovacuum soon would; without it the planner sees the tables as before the load.
//   --keep            keep the work folder (bundles, SQLite file, report) and the PostgreSQL database.
// Timings are wall-clock on a shared machine: the load average is printed with the results.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { freshPgDatabase, issueLines, LineWriter, pad, peakRssMb, prepareAppDatabase, prng, report, runBenchChild, type BenchChildOutcome } from './harness'

const SCRIPT = fileURLToPath(import.meta.url)
const ROOT = path.resolve(path.dirname(SCRIPT), '..')
const TARGET_RATIO = 2
const TARGET_RSS_MB = 500
const FAMILIES = 2000
const SEED = 20261125

type Args = { rows: number; daffTimeout: number; keep: boolean; pg?: string; analyze: boolean; child?: string; opts: Record<string, string> }

function parseArgs(argv: string[]): Args {
  const a: Args = { rows: 1_000_000, daffTimeout: 60, keep: false, analyze: false, opts: {} }
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i]
    const next = () => {
      const v = argv[++i]
      if (v === undefined) throw new Error(`${k} needs a value`)
      return v
    }
    if (k === '--') continue
    if (k === '--rows') a.rows = Number(next().replace(/_/g, ''))
    else if (k === '--daff-timeout') a.daffTimeout = Number(next())
    else if (k === '--keep') a.keep = true
    else if (k === '--pg') a.pg = next()
    else if (k === '--analyze') a.analyze = true
    else if (k === '--child') a.child = next()
    else if (k.startsWith('--')) a.opts[k.slice(2)] = next()
    else throw new Error(`unexpected argument ${k}`)
  }
  if (!Number.isSafeInteger(a.rows) || a.rows < FAMILIES) throw new Error(`--rows must be a whole number ≥ ${FAMILIES}`)
  if (!Number.isFinite(a.daffTimeout) || a.daffTimeout <= 0) throw new Error('--daff-timeout must be a number of seconds > 0')
  return a
}

// ---------------------------------------------------------------- data generation

function monthKeys(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `${2026 + Math.floor(i / 12)}-${pad((i % 12) + 1, 2)}`)
}

/** Planted changes, A → B. */
type Planted = { changed: number; removed: number; added: number }

/** Marks `count` distinct indices in [0, n) with `mark` (only where still 0). */
function markDistinct(marks: Uint8Array, count: number, mark: number, rnd: ReturnType<typeof prng>): void {
  let done = 0
  while (done < count) {
    const i = rnd.int(0, marks.length - 1)
    if (marks[i] === 0) {
      marks[i] = mark
      done++
    }
  }
}

/** Writes a/demand_family.csv and b/demand_family.csv; returns the planted changes. */
async function generateBundles(dirA: string, dirB: string, rows: number): Promise<Planted> {
  const rnd = prng(SEED)
  const nPeriods = Math.ceil(rows / FAMILIES)
  const periods = monthKeys(nPeriods)
  const planted: Planted = { changed: Math.round(rows * 0.01), removed: Math.round(rows * 0.005), added: Math.round(rows * 0.005) }
  const marks = new Uint8Array(rows) // 0 same, 1 changed, 2 removed
  markDistinct(marks, planted.changed, 1, rnd)
  markDistinct(marks, planted.removed, 2, rnd)

  const header = 'family,period,demand'
  const a = new LineWriter(path.join(dirA, 'demand_family.csv'), header)
  const b = new LineWriter(path.join(dirB, 'demand_family.csv'), header)
  const value = (level: number) => {
    // Mostly two decimals, some whole numbers, a few zeros.
    const r = rnd.next()
    return r < 0.02 ? '0' : r < 0.3 ? String(Math.round(level * (0.5 + rnd.next()))) : (level * (0.5 + rnd.next())).toFixed(2)
  }
  let i = 0
  for (let f = 0; f < FAMILIES && i < rows; f++) {
    const fam = `FAM${pad(f + 1, 5)}`
    const level = rnd.int(50, 5000)
    for (let p = 0; p < nPeriods && i < rows; p++, i++) {
      const v = value(level)
      await a.line(`${fam},${periods[p]},${v}`)
      if (marks[i] === 0) await b.line(`${fam},${periods[p]},${v}`)
      else if (marks[i] === 1) await b.line(`${fam},${periods[p]},${(Number(v) + rnd.int(1, 500) + 0.25).toFixed(2)}`)
    }
  }
  // Added rows: families beyond the first 2,000, family-major over the same periods.
  for (let k = 0; k < planted.added; k++) {
    const fam = `FAM${pad(FAMILIES + 1 + Math.floor(k / nPeriods), 5)}`
    await b.line(`${fam},${periods[k % nPeriods]},${value(rnd.int(50, 5000))}`)
  }
  await a.close()
  await b.close()
  return planted
}

// ---------------------------------------------------------------- child processes

type Counts = { added: number; removed: number; changed: number; unchanged?: number }
type ChildResult = { ms: number; maxRssMb: number; counts?: Counts; note?: string }

/** Not timed: migrates the fresh database and imports both bundles as labels 'a' and 'b'. */
async function childPrepare(opts: Record<string, string>): Promise<void> {
  const { getSql, importBundle, openBundle, cliActor, close } = await prepareAppDatabase(opts.url)
  const started = performance.now()
  let note = ''
  for (const [label, dir] of [
    ['a', opts.a],
    ['b', opts.b],
  ] as const) {
    const source = await openBundle(dir)
    const { report: r } = await importBundle({ source, label, configVersionId: 1, actor: cliActor('bench') })
    source.close()
    if (r.counts.errors) {
      throw new Error(`import of '${label}' failed with ${r.counts.errors} errors:\n${issueLines(r.issues).join('\n')}`)
    }
    note += `${label}: ${r.files.demand_family?.rows_accepted ?? 0} rows; `
  }
  if (opts.stats === 'analyze') {
    await getSql().withConnection((conn) => conn.run('ANALYZE'))
    note += 'analyzed; '
  }
  await close()
  report({ ms: performance.now() - started, maxRssMb: peakRssMb(), note: note.trim() })
}

async function childEngine(opts: Record<string, string>): Promise<void> {
  process.env.DATABASE_URL = opts.url
  const { diffRevisions, JOB_LIST_LIMIT } = await import('../lib/diff/diff')
  const { parseInputSetRef } = await import('../lib/input-sets/labels')
  const { getSql } = await import('../lib/db/sql')
  const started = performance.now()
  const r = await diffRevisions(parseInputSetRef('a'), parseInputSetRef('b'), { limit: JOB_LIST_LIMIT })
  fs.writeFileSync(opts.report, JSON.stringify(r))
  const ms = performance.now() - started
  const c = r.summary.sections.demand_family
  await getSql().close()
  report({ ms, maxRssMb: peakRssMb(), counts: { added: c.added, removed: c.removed, changed: c.changed, unchanged: c.unchanged } })
}

async function childSql(opts: Record<string, string>): Promise<void> {
  process.env.DATABASE_URL = opts.url
  const { getSql } = await import('../lib/db/sql')
  const sql = getSql()
  // The same driver as the engine; only the NULL-safe inequality is spelled per database.
  const distinct = sql.kind === 'postgres' ? 'IS DISTINCT FROM' : 'IS NOT'
  const started = performance.now()
  const counts = await sql.withConnection(async (conn) => {
    const revisionOf = async (label: string) =>
      (await conn.get<{ id: number }>(
        `SELECT r.id FROM input_set s JOIN input_set_revision r ON r.input_set_id = s.id WHERE s.label = ? ORDER BY r.number DESC LIMIT 1`,
        [label],
      ))!.id
    const cur = await revisionOf('a')
    const ref = await revisionOf('b')
    const onlyIn = async (other: number, side: number) =>
      Number(
        (await conn.get<{ n: unknown }>(
          `SELECT COUNT(*) AS n FROM demand_row x
           LEFT JOIN demand_row y ON y.revision_id = ? AND y.family = x.family AND y.period = x.period
           WHERE x.revision_id = ? AND y.id IS NULL`,
          [other, side],
        ))!.n,
      )
    const added = await onlyIn(ref, cur)
    const removed = await onlyIn(cur, ref)
    const changedRows = await conn.all<{ family: string; period: string; previous: number; current: number; delta: number }>(
      `SELECT c.family, c.period, p.demand AS previous, c.demand AS current, c.demand - p.demand AS delta
       FROM demand_row c JOIN demand_row p ON p.revision_id = ? AND p.family = c.family AND p.period = c.period
       WHERE c.revision_id = ? AND (c.demand <> p.demand OR c.extra_json ${distinct} p.extra_json)
       ORDER BY c.family, c.period`,
      [ref, cur],
    )
    return { added, removed, changed: changedRows.length }
  })
  const ms = performance.now() - started
  await sql.close()
  report({ ms, maxRssMb: peakRssMb(), counts })
}

type DaffTable = unknown
type DaffModule = {
  TableView: new (data: string[][]) => DaffTable
  CompareFlags: new () => { addPrimaryKey(col: string): void; show_unchanged: boolean }
  compareTables(a: DaffTable, b: DaffTable, flags?: unknown): { align(): unknown }
  TableDiff: new (
    alignment: unknown,
    flags: unknown,
  ) => { hilite(out: DaffTable): void; getSummary(): { row_inserts: number; row_deletes: number; row_updates: number } }
}

async function childDaff(opts: Record<string, string>): Promise<void> {
  const mod = (await import('daff' as string)) as DaffModule & { default?: DaffModule }
  const daff = mod.default ?? mod
  const { parse } = await import('csv-parse/sync')
  const started = performance.now()
  // Current (a) is the "local" side and the reference (b) the "remote" one, as in the engine:
  // daff reports how to get from b to a.
  const read = (f: string) => parse(fs.readFileSync(f), {}) as string[][]
  const ref = new daff.TableView(read(opts.b))
  const cur = new daff.TableView(read(opts.a))
  const flags = new daff.CompareFlags()
  flags.addPrimaryKey('family')
  flags.addPrimaryKey('period')
  const alignment = daff.compareTables(ref, cur, flags).align()
  const out: string[][] = []
  const highlighter = new daff.TableDiff(alignment, flags)
  highlighter.hilite(new daff.TableView(out))
  const s = highlighter.getSummary()
  const ms = performance.now() - started
  report({ ms, maxRssMb: peakRssMb(), counts: { added: s.row_inserts, removed: s.row_deletes, changed: s.row_updates } })
}

type ChildOutcome = BenchChildOutcome<ChildResult>

const runChild = (mode: string, opts: Record<string, string>, timeoutS?: number) => runBenchChild<ChildResult>(SCRIPT, mode, opts, timeoutS)

function daffInstalled(): boolean {
  try {
    return fs.existsSync(path.join(ROOT, 'node_modules', 'daff', 'package.json'))
  } catch {
    return false
  }
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2))
  if (args.child === 'prepare') return childPrepare(args.opts)
  if (args.child === 'engine') return childEngine(args.opts)
  if (args.child === 'sql') return childSql(args.opts)
  if (args.child === 'daff') return childDaff(args.opts)
  if (args.child) throw new Error(`unknown child mode ${args.child}`)

  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-diff-'))
  const dirA = path.join(work, 'a')
  const dirB = path.join(work, 'b')
  fs.mkdirSync(dirA)
  fs.mkdirSync(dirB)
  const pgDb = args.pg ? await freshPgDatabase(args.pg, 'bench_diff') : undefined
  const kind = pgDb ? 'postgres' : 'sqlite'
  const url = pgDb?.url ?? `file:${path.join(work, 'diff.sqlite')}`
  const load = () =>
    os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')
  console.log(
    `bench:diff — ${args.rows.toLocaleString('en-US')} demand rows per bundle, ${kind}, Node ${process.version}, ${os.cpus().length} CPUs, load average ${load()}`,
  )
  console.log(`work folder: ${work}`)

  try {
    const t0 = performance.now()
    const planted = await generateBundles(dirA, dirB, args.rows)
    const mb = (f: string) => (fs.statSync(f).size / 1048576).toFixed(1)
    const csvA = path.join(dirA, 'demand_family.csv')
    const csvB = path.join(dirB, 'demand_family.csv')
    console.log(
      `generated in ${((performance.now() - t0) / 1000).toFixed(1)} s: A ${mb(csvA)} MB, B ${mb(csvB)} MB; planted A → B: ` +
        `${planted.changed.toLocaleString('en-US')} changed, ${planted.removed.toLocaleString('en-US')} removed, ${planted.added.toLocaleString('en-US')} added`,
    )
    const prep = await runChild('prepare', { url, a: dirA, b: dirB, stats: args.analyze && pgDb ? 'analyze' : 'as-loaded' })
    if (prep.ok) console.log(`imported both bundles in ${(prep.result.ms / 1000).toFixed(1)} s (not timed): ${prep.result.note}`)

    // Expected counts for current = a, reference = b.
    const expected: Counts = { added: planted.removed, removed: planted.added, changed: planted.changed }
    const measure = async (name: string, mode: string, opts: Record<string, string>, timeoutS?: number) => {
      const r = await runChild(mode, opts, timeoutS)
      process.stdout.write(
        r.ok ? `  ${name}: ${(r.result.ms / 1000).toFixed(2)} s, peak RSS ${r.result.maxRssMb.toFixed(0)} MB\n` : `  ${name}: timed out after ${r.timedOut}s\n`,
      )
      return r
    }
    const engine = await measure('engine', 'engine', { url, report: path.join(work, 'diff_report.json') })
    const sqlRun = await measure('sql', 'sql', { url })
    const daff = daffInstalled() ? await measure('daff', 'daff', { a: csvA, b: csvB }, args.daffTimeout) : undefined

    const fmtCounts = (c?: Counts) => (c ? `added ${c.added}, removed ${c.removed}, changed ${c.changed}` : '')
    const matches = (c?: Counts) => Boolean(c && c.added === expected.added && c.removed === expected.removed && c.changed === expected.changed)
    const row = (label: string, r: ChildOutcome | undefined, missing: string) => {
      if (!r) return `${label.padEnd(36)} ${missing}`
      if (!r.ok) return `${label.padEnd(36)} timed out after ${r.timedOut}s`
      const c = r.result.counts
      return `${label.padEnd(36)} ${(r.result.ms / 1000).toFixed(2).padStart(8)} s  peak RSS ${r.result.maxRssMb.toFixed(0).padStart(5)} MB  ${fmtCounts(c)}  ${matches(c) ? 'counts OK' : 'COUNTS DIFFER'}`
    }
    console.log('')
    console.log(`results (${kind}; wall time of the measured path inside its own child process; load average now ${load()}):`)
    console.log(`expected (current a vs reference b)   ${fmtCounts(expected)}`)
    console.log(row('engine diffRevisions + report JSON', engine, ''))
    console.log(row('SQL baseline (LEFT JOINs)', sqlRun, ''))
    console.log(row('daff (CSV files, key family+period)', daff, 'not installed: skipped'))
    if (engine.ok && engine.result.counts?.unchanged !== undefined) console.log(`engine unchanged rows: ${engine.result.counts.unchanged.toLocaleString('en-US')}`)

    const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS')
    console.log('')
    if (engine.ok && sqlRun.ok) {
      const ratio = engine.result.ms / sqlRun.result.ms
      console.log(`ratio = engine_time / sql_time = ${ratio.toFixed(2)}   target ≤ ${TARGET_RATIO}: ${verdict(ratio <= TARGET_RATIO)}`)
    }
    if (engine.ok && daff?.ok) console.log(`ratio = engine_time / daff_time = ${(engine.result.ms / daff.result.ms).toFixed(3)}`)
    else if (engine.ok && daff && !daff.ok)
      console.log(`ratio = engine_time / daff_time < ${(engine.result.ms / (daff.timedOut * 1000)).toFixed(3)} (daff timed out after ${daff.timedOut}s)`)
    else console.log('ratio = engine_time / daff_time: n/a (daff not installed)')
    if (engine.ok) {
      const rss = engine.result.maxRssMb
      console.log(`peak RSS, engine = ${rss.toFixed(0)} MB   target < ${TARGET_RSS_MB} MB: ${verdict(rss < TARGET_RSS_MB)}`)
      console.log(`engine counts match the planted changes: ${verdict(matches(engine.result.counts))}`)
    }
    if (args.rows < 1_000_000) console.log(`(the targets are set for 1,000,000 rows; at ${args.rows.toLocaleString('en-US')} fixed costs weigh more)`)
  } finally {
    if (args.keep) console.log(`kept: ${work}${pgDb ? ` and PostgreSQL database ${pgDb.name}` : ''}`)
    else {
      fs.rmSync(work, { recursive: true, force: true })
      await pgDb?.drop()
    }
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err)
  process.exit(1)
})
