// Planning impact benchmark: `npx tsx bench/impact.ts -- [--rows 1000000] [--pg URL] [--keep]`.
//
// Generates two bundles of N demand rows each (seeded): 2,000 families × N/2,000 monthly periods,
// capacity per period tight enough to carry backlog, each family split over two SKUs, stock per
// SKU; B is A with 10 % of the demand rows raised (so every family changes), C is A with 10 % of
// the rows of one family in ten raised (the other families' SKU split is shared by both sides of
// an impact, docs/impact.md). All three are imported into one fresh database (SQLite, or
// PostgreSQL with --pg) as labels 'a', 'b' and 'c' (not timed). Then, each in its own child
// process that reports its wall time and peak RSS, in the same run:
//   plan     the baseline: one rough-cut plan of 'a' (computeRoughCut, what a plan computes);
//   core     for reference: what the impact computes of one side (computePlanCore, rows not kept);
//   impact   what a background impact job does: computeImpact(b, a), and computeImpact(c, a),
//            each with its report written as JSON.
// Targets: impact ≤ 2 × plan, impact peak RSS < 300 MB, for b against a (the ratio of c against a
// is printed beside it). The exit code is 0 either way.
// Timings are wall-clock on a shared machine: the load average is printed with the results.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import {
  cleanUpRun,
  freshPgDatabase,
  issueLines,
  LineWriter,
  loadAverage,
  noteSmallRun,
  pad,
  peakRssMb,
  prepareAppDatabase,
  prng,
  report,
  runBenchChild,
  verdict,
} from './harness'

const SCRIPT = fileURLToPath(import.meta.url)
const TARGET_RATIO = 2
const TARGET_RSS_MB = 300
const FAMILIES = 2000
const SEED = 20261206

type Result = { ms: number; maxRssMb: number; note?: string }

function parseArgs(argv: string[]) {
  const a = { rows: 1_000_000, keep: false, pg: undefined as string | undefined, child: undefined as string | undefined, opts: {} as Record<string, string> }
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i]
    const next = () =>
      argv[++i] ??
      (() => {
        throw new Error(`${k} needs a value`)
      })()
    if (k === '--') continue
    if (k === '--rows') a.rows = Number(next().replace(/_/g, ''))
    else if (k === '--keep') a.keep = true
    else if (k === '--pg') a.pg = next()
    else if (k === '--child') a.child = next()
    else if (k.startsWith('--')) a.opts[k.slice(2)] = next()
    else throw new Error(`unexpected argument ${k}`)
  }
  if (!Number.isSafeInteger(a.rows) || a.rows < FAMILIES) throw new Error(`--rows must be a whole number ≥ ${FAMILIES}`)
  return a
}

/** How often C changes a family: one in this many. */
const C_FAMILY_EVERY = 10

/**
 * Writes the three bundles: demand (B raises 10 % of rows, C 10 % of the rows of every tenth
 * family), capacity at 95 % of A's mean demand per period, mix, stock (C's is A's).
 */
async function generateBundles(dirA: string, dirB: string, dirC: string, rows: number): Promise<void> {
  const rnd = prng(SEED)
  // C draws from its own sequence, so A and B are the bundles earlier runs measured.
  const rndC = prng(SEED + 1)
  const nPeriods = Math.ceil(rows / FAMILIES)
  const periods = Array.from({ length: nPeriods }, (_, i) => `${2026 + Math.floor(i / 12)}-${pad((i % 12) + 1, 2)}`)
  const a = new LineWriter(path.join(dirA, 'demand_family.csv'), 'family,period,demand')
  const b = new LineWriter(path.join(dirB, 'demand_family.csv'), 'family,period,demand')
  const c = new LineWriter(path.join(dirC, 'demand_family.csv'), 'family,period,demand')
  let total = 0
  let i = 0
  for (let f = 0; f < FAMILIES && i < rows; f++) {
    const fam = `FAM${pad(f + 1, 5)}`
    const level = rnd.int(50, 5000)
    for (let p = 0; p < nPeriods && i < rows; p++, i++) {
      const v = Math.round(level * (0.5 + rnd.next()))
      total += v
      await a.line(`${fam},${periods[p]},${v}`)
      await b.line(`${fam},${periods[p]},${rnd.next() < 0.1 ? Math.round(v * 1.5) : v}`)
      await c.line(`${fam},${periods[p]},${f % C_FAMILY_EVERY === 0 && rndC.next() < 0.1 ? Math.round(v * 1.5) : v}`)
    }
  }
  await a.close()
  await b.close()
  await c.close()
  const perPeriod = Math.round((total / nPeriods) * 0.95)
  for (const dir of [dirA, dirB]) {
    fs.writeFileSync(path.join(dir, 'capacity.csv'), ['workcenter,period,capacity', ...periods.map((p) => `WC1,${p},${perPeriod}`)].join('\n') + '\n')
    const fams = Array.from({ length: FAMILIES }, (_, f) => `FAM${pad(f + 1, 5)}`)
    fs.writeFileSync(path.join(dir, 'mix_share.csv'), ['family,sku,share', ...fams.flatMap((x) => [`${x},${x}-S1,0.6`, `${x},${x}-S2,0.4`])].join('\n') + '\n')
    fs.writeFileSync(path.join(dir, 'inventory.csv'), ['item,loc,qty', ...fams.map((x) => `${x}-S1,WH1,${rnd.int(1000, 100000)}`)].join('\n') + '\n')
  }
  for (const file of ['capacity.csv', 'mix_share.csv', 'inventory.csv']) fs.copyFileSync(path.join(dirA, file), path.join(dirC, file))
}

async function childPrepare(opts: Record<string, string>): Promise<void> {
  const { importBundle, openBundle, cliActor, close } = await prepareAppDatabase(opts.url)
  const started = performance.now()
  for (const [label, dir] of [
    ['a', opts.a],
    ['b', opts.b],
    ['c', opts.c],
  ] as const) {
    const source = await openBundle(dir)
    const { report: r } = await importBundle({ source, label, configVersionId: 1, actor: cliActor('bench') })
    source.close()
    if (r.counts.errors) throw new Error(`import of '${label}' failed:\n${issueLines(r.issues).join('\n')}`)
  }
  await close()
  report({ ms: performance.now() - started, maxRssMb: peakRssMb() })
}

async function childPlan(opts: Record<string, string>): Promise<void> {
  process.env.DATABASE_URL = opts.url
  const { getSql } = await import('../lib/db/sql')
  const { computeRoughCut } = await import('../lib/plans/rough-cut')
  const { resolveRevisionOrThrow } = await import('../lib/input-sets/store/resolve')
  const { parseInputSetRef } = await import('../lib/input-sets/labels')
  const revision = await getSql().withConnection((conn) => resolveRevisionOrThrow(conn, parseInputSetRef('a')))
  const started = performance.now()
  const plan = await getSql().withConnection((conn) => computeRoughCut(conn, revision.revisionId))
  const ms = performance.now() - started
  await getSql().close()
  report({ ms, maxRssMb: peakRssMb(), note: `${plan.summary.periods} periods, ${plan.summary.items} items, ending backlog ${plan.summary.ending_backlog}` })
}

async function childCore(opts: Record<string, string>): Promise<void> {
  process.env.DATABASE_URL = opts.url
  const { getSql } = await import('../lib/db/sql')
  const { computePlanCore } = await import('../lib/plans/rough-cut')
  const { resolveRevisionOrThrow } = await import('../lib/input-sets/store/resolve')
  const { parseInputSetRef } = await import('../lib/input-sets/labels')
  const revision = await getSql().withConnection((conn) => resolveRevisionOrThrow(conn, parseInputSetRef('a')))
  const started = performance.now()
  let rows = 0
  const core = await getSql().withConnection((conn) => computePlanCore(conn, revision.revisionId, () => rows++))
  const ms = performance.now() - started
  await getSql().close()
  report({ ms, maxRssMb: peakRssMb(), note: `${rows} item × period rows seen, ${core.items_short} items short` })
}

async function childImpact(opts: Record<string, string>): Promise<void> {
  process.env.DATABASE_URL = opts.url
  const { getSql } = await import('../lib/db/sql')
  const { computeImpact } = await import('../lib/impact/compute')
  const { parseInputSetRef } = await import('../lib/input-sets/labels')
  const started = performance.now()
  const r = await computeImpact(parseInputSetRef(opts.current), parseInputSetRef('a'))
  fs.writeFileSync(opts.report, JSON.stringify(r))
  const ms = performance.now() - started
  await getSql().close()
  const newly = r.items.filter((i) => i.change === 'newly_short').length
  report({ ms, maxRssMb: peakRssMb(), note: `${r.periods.length} periods, ${r.items.length} items short in either plan (${newly} newly)` })
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2))
  const children: Record<string, (o: Record<string, string>) => Promise<void>> = { prepare: childPrepare, plan: childPlan, core: childCore, impact: childImpact }
  if (args.child) return children[args.child](args.opts)

  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-impact-'))
  const [dirA, dirB, dirC] = [path.join(work, 'a'), path.join(work, 'b'), path.join(work, 'c')]
  for (const dir of [dirA, dirB, dirC]) fs.mkdirSync(dir)
  const pgDb = args.pg ? await freshPgDatabase(args.pg, 'bench_impact') : undefined
  const url = pgDb?.url ?? `file:${path.join(work, 'impact.sqlite')}`
  console.log(
    `bench:impact — ${args.rows.toLocaleString('en-US')} demand rows per set, ${pgDb ? 'postgres' : 'sqlite'}, Node ${process.version}, load average ${loadAverage()}`,
  )
  try {
    await generateBundles(dirA, dirB, dirC, args.rows)
    const prep = await runBenchChild<Result>(SCRIPT, 'prepare', { url, a: dirA, b: dirB, c: dirC })
    if (prep.ok) console.log(`imported the three sets in ${(prep.result.ms / 1000).toFixed(1)} s (not timed)`)
    const measure = async (name: string, mode: string, opts: Record<string, string>) => {
      const r = await runBenchChild<Result>(SCRIPT, mode, opts)
      if (!r.ok) throw new Error(`${name} timed out`)
      console.log(
        `  ${name.padEnd(28)} ${(r.result.ms / 1000).toFixed(2).padStart(8)} s  peak RSS ${r.result.maxRssMb.toFixed(0).padStart(5)} MB  ${r.result.note ?? ''}`,
      )
      return r.result
    }
    console.log(`results (wall time inside each child; load average now ${loadAverage()}):`)
    const plan = await measure('one rough-cut plan (a)', 'plan', { url })
    await measure('one side of the impact (a)', 'core', { url })
    const impact = await measure('impact job (b against a)', 'impact', { url, current: 'b', report: path.join(work, 'impact_report_b.json') })
    const impactC = await measure('impact job (c against a)', 'impact', { url, current: 'c', report: path.join(work, 'impact_report_c.json') })
    const ratio = impact.ms / plan.ms
    console.log(`ratio = impact_time / plan_time = ${ratio.toFixed(2)}   target ≤ ${TARGET_RATIO}: ${verdict(ratio <= TARGET_RATIO)}`)
    console.log(`ratio (c against a, one family in ten changed) = impact_time / plan_time = ${(impactC.ms / plan.ms).toFixed(2)}`)
    console.log(`peak RSS, impact = ${impact.maxRssMb.toFixed(0)} MB   target < ${TARGET_RSS_MB} MB: ${verdict(impact.maxRssMb < TARGET_RSS_MB)}`)
    noteSmallRun(args.rows)
  } finally {
    await cleanUpRun({ work, keep: args.keep, databases: pgDb ? [pgDb.name] : [], dropDatabases: pgDb?.drop })
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err)
  process.exit(1)
})
