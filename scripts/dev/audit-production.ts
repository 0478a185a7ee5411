// `npm run audit:prod`: npm audit of the production dependencies, failing on any high or critical
// advisory. Where the registry does not offer the audit endpoint (some mirrors answer 405), it
// says so and exits 0: that is "not checked", reported as such, not "clean" (docs/operations.md,
// "Dependency audit", records the last manual review of the lockfile against published advisories).
import { spawnSync } from 'node:child_process'

type AuditReport = {
  metadata?: { vulnerabilities?: Record<string, number> }
  vulnerabilities?: Record<string, { severity: string; via: unknown[]; fixAvailable: unknown }>
  message?: string
  statusCode?: number
}

const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8' })
let report: AuditReport
try {
  report = JSON.parse(run.stdout) as AuditReport
} catch {
  console.error(`npm audit printed no report (exit ${run.status}):\n${run.stderr}`)
  process.exit(1)
}

const counts = report.metadata?.vulnerabilities
if (!counts) {
  console.log(`npm audit: NOT CHECKED, the registry's audit endpoint is unavailable (${report.statusCode ?? '?'}: ${report.message ?? 'no message'}).`)
  console.log('See docs/operations.md, "Dependency audit", for the last manual review of package-lock.json.')
  process.exit(0)
}

const serious = Object.entries(report.vulnerabilities ?? {}).filter(([, v]) => v.severity === 'high' || v.severity === 'critical')
console.log(
  `npm audit (production): ${Object.entries(counts)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ')}`,
)
for (const [name, v] of serious) console.log(`  ${v.severity.toUpperCase()} ${name} (fix available: ${JSON.stringify(v.fixAvailable)})`)
process.exit(serious.length ? 1 : 0)
