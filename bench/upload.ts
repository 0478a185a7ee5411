// Upload memory benchmark: `npx next build && npm run bench:upload -- [--mb 50]`.
// Measures the server's peak resident set size (VmHWM) for one REST upload at a time, each on a
// freshly started `next start` (so the peak belongs to that upload alone) against one SQLite
// database:
//   long-line    the hostile corpus's single-long-line case at full size (a --mb MB CSV row) → 422
//   bundle       a valid bundle of about --mb MB (demand rows, 500 monthly periods) → 201
//   bundle-zip   the same bundle as one .zip → 201
// The client streams the files from disk, so only the server's memory is measured. It is a
// report: the exit code is 0 whatever the figures are.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import yazl from 'yazl'
import { corpusCases, corpusOptions } from '../scripts/dev/generate-corpus'
import { peakRssOfListener } from '../test/corpus/outcome'
import { LineWriter, pad } from './harness'
import { startServer, stopServer, tsx } from './next-server'

const MIB = 1024 * 1024
const PERIODS = 500

type Upload = { name: string; files: string[]; expect: number }

function parseMb(argv: string[]): number {
  if (argv.length === 0) return 50
  const mb = Number(argv[1])
  if (argv[0] !== '--mb' || argv.length !== 2 || !(mb >= 1)) throw new Error('usage: bench/upload.ts [--mb 50]')
  return mb
}

/** demand_family.csv of about `bytes` bytes and a calendar of its periods: a bundle that imports cleanly. */
async function writeBundle(dir: string, bytes: number): Promise<string[]> {
  fs.mkdirSync(dir)
  const periods = Array.from({ length: PERIODS }, (_, i) => {
    const [y, m] = [2026 + Math.floor(i / 12), (i % 12) + 1]
    return { period: `${y}-${pad(m, 2)}`, start_date: `${y}-${pad(m, 2)}-01`, end_date: `${y}-${pad(m, 2)}-${pad(new Date(Date.UTC(y, m, 0)).getUTCDate(), 2)}` }
  })
  fs.writeFileSync(path.join(dir, 'planning_calendar.json'), JSON.stringify({ calendar_type: 'monthly', periods }))
  const demand = new LineWriter(path.join(dir, 'demand_family.csv'), 'family,period,demand')
  let size = 0
  for (let f = 1; size < bytes; f++) {
    for (let p = 0; p < PERIODS && size < bytes; p++) {
      const line = `FAM${pad(f, 6)},${periods[p].period},${(f * 7 + p) % 5000}.25`
      size += line.length + 1
      await demand.line(line)
    }
  }
  await demand.close()
  return ['demand_family.csv', 'planning_calendar.json'].map((n) => path.join(dir, n))
}

async function writeZip(file: string, members: string[]): Promise<string> {
  const zip = new yazl.ZipFile()
  for (const m of members) zip.addFile(m, path.basename(m))
  zip.end()
  await new Promise<void>((resolve, reject) => zip.outputStream.pipe(fs.createWriteStream(file)).on('close', resolve).on('error', reject))
  return file
}

async function uploadOnce(url: string, token: string, label: string, files: string[]): Promise<{ status: number; seconds: number }> {
  const form = new FormData()
  form.append('label', label)
  form.append('config_version_id', '1')
  for (const f of files) form.append('files', await fs.openAsBlob(f), path.basename(f))
  const started = performance.now()
  const res = await fetch(`${url}/api/plans/input_sets`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form })
  await res.arrayBuffer()
  return { status: res.status, seconds: (performance.now() - started) / 1000 }
}

const mb = (bytes: number | undefined) => (bytes === undefined ? '?' : `${(bytes / MIB).toFixed(0)} MB`)

async function main(): Promise<void> {
  const sizeMb = parseMb(process.argv.slice(2))
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'planning-hub-upload-bench-'))
  const options = { ...corpusOptions(true), lineBytes: sizeMb * MIB, maxFileBytes: 2 * sizeMb * MIB }
  const env = {
    ...process.env,
    DATABASE_URL: `file:${path.join(tmp, 'bench.db')}`,
    DATA_DIR: tmp,
    MAX_FILE_BYTES: String(options.maxFileBytes),
    NEXT_TELEMETRY_DISABLED: '1',
  }
  try {
    const longLine = corpusCases(options).find((c) => c.name === 'single-long-line')!
    if (longLine.bundle.kind !== 'folder') throw new Error('single-long-line is expected to be a folder case')
    fs.mkdirSync(path.join(tmp, 'long-line'))
    const longFiles = Object.entries(longLine.bundle.files).map(([n, data]) => {
      fs.writeFileSync(path.join(tmp, 'long-line', n), data)
      return path.join(tmp, 'long-line', n)
    })
    const bundle = await writeBundle(path.join(tmp, 'bundle'), sizeMb * MIB)
    const zip = await writeZip(path.join(tmp, 'bundle.zip'), bundle)
    const uploads: Upload[] = [
      { name: 'long-line', files: longFiles, expect: 422 },
      { name: 'bundle', files: bundle, expect: 201 },
      { name: 'bundle-zip', files: [zip], expect: 201 },
    ]
    tsx('scripts/migrate.ts', [], env)
    tsx('scripts/create_config_version.ts', ['--id', '1', '--name', 'bench'], env)
    tsx('scripts/create_user.ts', ['--email', 'upload@example.com', '--role', 'editor', '--password', 'upload-bench-password-1'], env)
    const token = tsx('scripts/create_api_token.ts', ['--user', 'upload@example.com', '--scopes', 'input_sets:write'], env).trim()
    console.log(`upload (${sizeMb} MB)   body       status  seconds  server peak RSS: warmed up → after the upload`)
    for (const u of uploads) {
      const { url, child } = await startServer(env, path.join(tmp, `${u.name}.log`))
      try {
        const port = Number(new URL(url).port)
        // A small upload first, so the peak below is not the route's first load.
        await uploadOnce(url, token, `warm-${u.name}`, [bundle[1]])
        const before = peakRssOfListener(port)
        const r = await uploadOnce(url, token, `bench-${u.name}`, u.files)
        const peak = peakRssOfListener(port)
        const body = u.files.reduce((sum, f) => sum + fs.statSync(f).size, 0)
        const flag = r.status === u.expect ? '' : `  (expected ${u.expect})`
        console.log(
          `${u.name.padEnd(19)} ${mb(body).padStart(7)} ${String(r.status).padStart(9)} ${r.seconds.toFixed(1).padStart(8)}  ${mb(before)} → ${mb(peak)}${flag}`,
        )
      } finally {
        stopServer(child)
      }
    }
  } finally {
    await new Promise((r) => setTimeout(r, 500))
    fs.rmSync(tmp, { recursive: true, force: true })
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
