// Diff benchmark: `npx tsx bench/diff.ts -- [--rows 1000000] [--changed 100] [--daff-timeout 60] [--pg URL] [--keep]`.
//
// Generates three demand_family.csv bundles of N rows each (seeded, so every run writes the same
// bytes): A holds 2,000 families × N/2,000 monthly periods; B is A with exactly 1 % of the rows
// changed (a new demand value), 0.5 % removed and 0.5 % added (new families); C is A with
// --changed rows changed, half as many removed and half as many added. All are imported into one
// fresh database (SQLite, or PostgreSQL with --pg) as labels 'a', 'b' and 'c' (not timed). Then,
// for a against b and a against c, each in its own child process that reports its wall time and
// peak RSS:
//   engine    what a background diff job does: diffRevisions(a, b, { limit: JOB_LIST_LIMIT })
//             (current a, reference b) and the report written as JSON to a file in the work folder;
//   sql       a hand-written SQL baseline on the same database: added / removed / changed
//             demand_row rows by (family, period) for the two revision ids, via LEFT JOINs,
//             with the changed rows' values materialised in memory (it reads every row);
//   daff      (a against b only) the daff library on the two CSV files (family, period as primary
//             key), if it is installed; the child is killed after --daff-timeout seconds.
// Direction: with current = a and reference = b, the rows planted as removed from B show as
// "added" and the rows planted as added to B show as "removed".
// Targets: 1 % changed, engine ≤ 1.2 × sql; --changed 100 (of 1,000,000), engine ≤ 0.25 × sql.
// It is a report: the exit code is 0 whether or not the targets are met (PASS/MISS is printed).
//   --rows N          demand rows per bundle (default 1,000,000); `--rows 20000` is a smoke run.
//   --changed N       rows changed in C (default 100; N/2 removed and N/2 added, rounded down).
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
import {
  cleanUpRun,
  loadAverage,
  freshPgDatabase,
  issueLines,
  LineWriter,
  noteSmallRun,
  pad,
  peakRssMb,
  prepareAppDatabase,
  prng,
  report,
  runBenchChild,
  verdict,
  type BenchChildOutcome,
} from './harness'

const SCRIPT = fileURLToPath(import.meta.url)
const ROOT = path.resolve(path.dirname(SCRIPT), '..')
// With 1 % changed every chunk differs: no slower than the plain join was (docs/speed.md).
const TARGET_RATIO = 1.2
// With a small change the engine joins only the chunks that differ.
const TARGET_RATIO_SMALL = 0.25
const TARGET_RSS_MB = 500
const FAMILIES = 2000
const SEED = 20261125

type Args = {
  rows: number
  changed: number
  daffTimeout: number
  keep: boolean
  pg?: string
  analyze: boolean
  child?: string
  opts: Record<string, string>
}

function parseArgs(argv: string[]): Args {
  const a: Args = { rows: 1_000_000, changed: 100, daffTimeout: 60, keep: false, analyze: false, opts: {} }
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i]
    const next = () => {
      const v = argv[++i]
      if (v === undefined) throw new Error(`${k} needs a value`)
      return v
    }
    if (k === '--') continue
    if (k === '--rows') a.rows = Number(next().replace(/_/g, ''))
    else if (k === '--changed') a.changed = Number(next().replace(/_/g, ''))
    else if (k === '--daff-timeout') a.daffTimeout = Number(next())
    else if (k === '--keep') a.keep = true
    else if (k === '--pg') a.pg = next()
    else if (k === '--analyze') a.analyze = true
    else if (k === '--child') a.child = next()
    else if (k.startsWith('--')) a.opts[k.slice(2)] = next()
    else throw new Error(`unexpected argument ${k}`)
  }
  if (!Number.isSafeInteger(a.rows) || a.rows < FAMILIES) throw new Error(`--rows must be a whole number ≥ ${FAMILIES}`)
  if (!Number.isSafeInteger(a.changed) || a.changed < 0 || a.changed * 2 > a.rows) throw new Error('--changed must be a whole number from 0 to half of --rows')
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

/** A bundle derived from A: its folder and the changes planted in it. */
type Variant = { dir: string; planted: Planted }

/** Writes demand_family.csv of A and of each variant, planting each variant's changes. */
async function generateBundles(dirA: string, variants: Variant[], rows: number): Promise<void> {
  const rnd = prng(SEED)
  const nPeriods = Math.ceil(rows / FAMILIES)
  const periods = monthKeys(nPeriods)
  const header = 'family,period,demand'
  const a = new LineWriter(path.join(dirA, 'demand_family.csv'), header)
  const outs = variants.map((v) => {
    // Each variant's marks and new values come from its own stream, so A's bytes do not depend on them.
    const own = prng(SEED + v.planted.changed)
    const marks = new Uint8Array(rows) // 0 same, 1 changed, 2 removed
    markDistinct(marks, v.planted.changed, 1, own)
    markDistinct(marks, v.planted.removed, 2, own)
    return { v, own, marks, out: new LineWriter(path.join(v.dir, 'demand_family.csv'), header) }
  })
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
      for (const { own, marks, out } of outs) {
        if (marks[i] === 0) await out.line(`${fam},${periods[p]},${v}`)
        else if (marks[i] === 1) await out.line(`${fam},${periods[p]},${(Number(v) + own.int(1, 500) + 0.25).toFixed(2)}`)
      }
    }
  }
  // Added rows: families beyond the first 2,000, family-major over the same periods.
  for (const { v, own, out } of outs) {
    for (let k = 0; k < v.planted.added; k++) {
      const fam = `FAM${pad(FAMILIES + 1 + Math.floor(k / nPeriods), 5)}`
      await out.line(`${fam},${periods[k % nPeriods]},${(own.int(50, 5000) * (0.5 + own.next())).toFixed(2)}`)
    }
  }
  await a.close()
  for (const { out } of outs) await out.close()
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
    ['c', opts.c],
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
  const r = await diffRevisions(parseInputSetRef('a'), parseInputSetRef(opts.against), { limit: JOB_LIST_LIMIT })
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
    const ref = await revisionOf(opts.against)
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
  const dirC = path.join(work, 'c')
  for (const dir of [dirA, dirB, dirC]) fs.mkdirSync(dir)
  const pgDb = args.pg ? await freshPgDatabase(args.pg, 'bench_diff') : undefined
  const kind = pgDb ? 'postgres' : 'sqlite'
  const url = pgDb?.url ?? `file:${path.join(work, 'diff.sqlite')}`
  console.log(
    `bench:diff — ${args.rows.toLocaleString('en-US')} demand rows per bundle, ${kind}, Node ${process.version}, ${os.cpus().length} CPUs, load average ${loadAverage()}`,
  )
  console.log(`work folder: ${work}`)

  try {
    const t0 = performance.now()
    const percent: Planted = { changed: Math.round(args.rows * 0.01), removed: Math.round(args.rows * 0.005), added: Math.round(args.rows * 0.005) }
    const small: Planted = { changed: args.changed, removed: Math.floor(args.changed / 2), added: Math.floor(args.changed / 2) }
    await generateBundles(
      dirA,
      [
        { dir: dirB, planted: percent },
        { dir: dirC, planted: small },
      ],
      args.rows,
    )
    const mb = (f: string) => (fs.statSync(f).size / 1048576).toFixed(1)
    const csvA = path.join(dirA, 'demand_family.csv')
    const csvB = path.join(dirB, 'demand_family.csv')
    const plantedText = (p: Planted) =>
      `${p.changed.toLocaleString('en-US')} changed, ${p.removed.toLocaleString('en-US')} removed, ${p.added.toLocaleString('en-US')} added`
    console.log(
      `generated in ${((performance.now() - t0) / 1000).toFixed(1)} s: A ${mb(csvA)} MB, B ${mb(csvB)} MB; planted A → B: ${plantedText(percent)}; A → C: ${plantedText(small)}`,
    )
    const prep = await runChild('prepare', { url, a: dirA, b: dirB, c: dirC, stats: args.analyze && pgDb ? 'analyze' : 'as-loaded' })
    if (prep.ok) console.log(`imported the three bundles in ${(prep.result.ms / 1000).toFixed(1)} s (not timed): ${prep.result.note}`)

    const measure = async (name: string, mode: string, opts: Record<string, string>, timeoutS?: number) => {
      const r = await runChild(mode, opts, timeoutS)
      process.stdout.write(
        r.ok ? `  ${name}: ${(r.result.ms / 1000).toFixed(2)} s, peak RSS ${r.result.maxRssMb.toFixed(0)} MB\n` : `  ${name}: timed out after ${r.timedOut}s\n`,
      )
      return r
    }
    const pairs = [
      { against: 'b', planted: percent, target: TARGET_RATIO, title: 'a against b (1 % changed)' },
      { against: 'c', planted: small, target: TARGET_RATIO_SMALL, title: `a against c (${args.changed.toLocaleString('en-US')} changed)` },
    ]
    const runs = []
    for (const pair of pairs) {
      console.log(pair.title)
      const engine = await measure('engine', 'engine', { url, against: pair.against, report: path.join(work, `diff_report_${pair.against}.json`) })
      const sqlRun = await measure('sql', 'sql', { url, against: pair.against })
      runs.push({ ...pair, engine, sqlRun })
    }
    const daff = daffInstalled() ? await measure('daff (a against b)', 'daff', { a: csvA, b: csvB }, args.daffTimeout) : undefined

    const fmtCounts = (c?: Counts) => (c ? `added ${c.added}, removed ${c.removed}, changed ${c.changed}` : '')
    // Expected counts for current = a: rows planted as removed show as added, and the reverse.
    const expectedOf = (p: Planted): Counts => ({ added: p.removed, removed: p.added, changed: p.changed })
    const matches = (p: Planted, c?: Counts) => {
      const e = expectedOf(p)
      return Boolean(c && c.added === e.added && c.removed === e.removed && c.changed === e.changed)
    }
    const row = (label: string, p: Planted, r: ChildOutcome | undefined, missing: string) => {
      if (!r) return `${label.padEnd(36)} ${missing}`
      if (!r.ok) return `${label.padEnd(36)} timed out after ${r.timedOut}s`
      const c = r.result.counts
      return `${label.padEnd(36)} ${(r.result.ms / 1000).toFixed(2).padStart(8)} s  peak RSS ${r.result.maxRssMb.toFixed(0).padStart(5)} MB  ${fmtCounts(c)}  ${matches(p, c) ? 'counts OK' : 'COUNTS DIFFER'}`
    }
    console.log('')
    console.log(`results (${kind}; wall time of the measured path inside its own child process; load average now ${loadAverage()}):`)
    for (const r of runs) {
      console.log(`${r.title}: expected ${fmtCounts(expectedOf(r.planted))}`)
      console.log(row('  engine diffRevisions + report JSON', r.planted, r.engine, ''))
      console.log(row('  SQL baseline (LEFT JOINs)', r.planted, r.sqlRun, ''))
      if (r.against === 'b') console.log(row('  daff (CSV files, key family+period)', r.planted, daff, 'not installed: skipped'))
      if (r.engine.ok && r.engine.result.counts?.unchanged !== undefined)
        console.log(`  engine unchanged rows: ${r.engine.result.counts.unchanged.toLocaleString('en-US')}`)
    }
    console.log('')
    for (const r of runs) {
      if (r.engine.ok && r.sqlRun.ok) {
        const ratio = r.engine.result.ms / r.sqlRun.result.ms
        console.log(`${r.title}: ratio = engine_time / sql_time = ${ratio.toFixed(2)}   target ≤ ${r.target}: ${verdict(ratio <= r.target)}`)
      }
      if (r.engine.ok) {
        const rss = r.engine.result.maxRssMb
        console.log(`${r.title}: peak RSS, engine = ${rss.toFixed(0)} MB   target < ${TARGET_RSS_MB} MB: ${verdict(rss < TARGET_RSS_MB)}`)
        console.log(`${r.title}: engine counts match the planted changes: ${verdict(matches(r.planted, r.engine.result.counts))}`)
      }
    }
    const engineB = runs[0].engine
    if (engineB.ok && daff?.ok) console.log(`ratio = engine_time / daff_time = ${(engineB.result.ms / daff.result.ms).toFixed(3)}`)
    else if (engineB.ok && daff && !daff.ok)
      console.log(`ratio = engine_time / daff_time < ${(engineB.result.ms / (daff.timedOut * 1000)).toFixed(3)} (daff timed out after ${daff.timedOut}s)`)
    else console.log('ratio = engine_time / daff_time: n/a (daff not installed)')
    noteSmallRun(args.rows)
  } finally {
    await cleanUpRun({ work, keep: args.keep, databases: pgDb ? [pgDb.name] : [], dropDatabases: pgDb?.drop })
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err)
  process.exit(1)
})
