// Where a server's CPU time went, from the V8 profile `node --cpu-prof` wrote (bench/load.ts
// --profile DIR): self time summed per area (Next's server, React, this app's lib/, the database
// drivers, Node's own internals, garbage collection, idle) and the functions that took most.
import fs from 'node:fs'
import path from 'node:path'

type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }
type CpuProfile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

const AREAS: [string, RegExp][] = [
  ['next (server, router, compiled deps)', /node_modules\/next\//],
  ['react / react-dom', /node_modules\/react(-dom)?\//],
  ['database drivers (better-sqlite3, pg, kysely)', /node_modules\/(better-sqlite3|pg[^/]*|kysely)\//],
  ['zod', /node_modules\/zod\//],
  ['prom-client', /node_modules\/prom-client\//],
  ['other packages', /node_modules\//],
  ['this app (lib/, app/, .next server chunks)', /\/(lib|app)\/|\.next\/server\//],
  ['node internals', /^node:/],
]

function areaOf(node: ProfileNode): string {
  const { url, functionName } = node.callFrame
  if (!url) return functionName.startsWith('(') ? functionName : 'native / builtins'
  return AREAS.find(([, re]) => re.test(url))?.[0] ?? 'other'
}

/** Self milliseconds per profile node id. */
function selfTimes(p: CpuProfile): Map<number, number> {
  const self = new Map<number, number>()
  p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000))
  return self
}

function top(totals: Map<string, number>, n: number, all: number): string[] {
  return [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, ms]) => `  ${((ms / all) * 100).toFixed(1).padStart(5)} %  ${ms.toFixed(0).padStart(7)} ms  ${name}`)
}

/** Prints the summary of the largest profile in `dir` (the server process; small ones are helpers it ran). */
export function printProfile(dir: string): void {
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')) : []
  if (!files.length) return console.log(`\nno CPU profile was written to ${dir}`)
  const file = files.map((f) => path.join(dir, f)).sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0]
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const areas = new Map<string, number>()
  const functions = new Map<string, number>()
  let all = 0
  for (const [id, ms] of selfTimes(profile)) {
    const node = byId.get(id)!
    const { functionName, url, lineNumber } = node.callFrame
    const area = areaOf(node)
    all += ms
    areas.set(area, (areas.get(area) ?? 0) + ms)
    const where = url ? `${url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(lib|app|\.next)\//, '$1/')}:${lineNumber + 1}` : ''
    const name = `${functionName || '(anonymous)'} ${where}`.trim()
    functions.set(name, (functions.get(name) ?? 0) + ms)
  }
  console.log(`\nwhere the server's time went (${path.basename(file)}, self time, ${(all / 1000).toFixed(1)} s sampled):`)
  console.log(top(areas, 12, all).join('\n'))
  console.log('\nfunctions with the most self time:')
  console.log(top(functions, 20, all).join('\n'))
}

// `tsx bench/cpu-profile.ts DIR`: summarise a profile written earlier.
if (import.meta.url === `file://${process.argv[1]}`) printProfile(path.resolve(process.argv[2] ?? '.'))
