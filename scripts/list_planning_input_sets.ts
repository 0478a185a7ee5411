// list_planning_input_sets [--status S] [--version-id N] [--json]
import { commandLineReadAccess } from '../lib/auth/access'
import { EXIT, parseCliArgs, parseIntOption, runCliIfMain, UsageError, type CliIo } from '../lib/cli/run'
import { cliActor } from '../lib/input-sets/actor'
import { REVISION_STATUSES, type RevisionStatus } from '../lib/input-sets/labels'
import { listInputSets } from '../lib/input-sets/queries/list'

const USAGE = `usage: list_planning_input_sets [--status ${REVISION_STATUSES.join('|')}] [--version-id N] [--json]`

/** The command's logic; tests call it in-process (scripts/cli.test.ts). */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const args = parseCliArgs({ status: { type: 'string' }, 'version-id': { type: 'string' }, json: { type: 'boolean' } }, USAGE, argv)
  if (args.status && !REVISION_STATUSES.includes(args.status as RevisionStatus)) {
    throw new UsageError(`--status must be one of ${REVISION_STATUSES.join(', ')}; got '${args.status}'.`)
  }
  const sets = await listInputSets(commandLineReadAccess(cliActor()), {
    status: args.status as RevisionStatus | undefined,
    configVersionId: parseIntOption(args['version-id'], 'version-id'),
  })
  const input_sets = sets.map(({ draft_revision: _draft, pending_draft: _pending, ...rest }) => rest)
  if (args.json) {
    io.stdout.write(`${JSON.stringify({ input_sets }, null, 2)}\n`)
    return EXIT.ok
  }
  if (!sets.length) {
    io.stdout.write('No input sets.\n')
    return EXIT.ok
  }
  const header = ['label', 'status', 'rev', 'config', 'rows', 'updated', 'approved by']
  const rows = sets.map((s) => [
    s.label,
    s.draft_revision ? `${s.status} (+draft r${s.draft_revision})` : s.status,
    String(s.revision),
    String(s.config_version_id),
    String(s.rows),
    s.updated_at.slice(0, 19).replace('T', ' '),
    s.approved_by ?? '',
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)))
  for (const r of [header, ...rows])
    io.stdout.write(
      `${r
        .map((c, i) => c.padEnd(widths[i]))
        .join('  ')
        .trimEnd()}\n`,
    )
  return EXIT.ok
}

void runCliIfMain(import.meta.url, main)
