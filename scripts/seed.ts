// Seeds a fresh database for a first look: a local administrator, config version 1 and the
// shipped sample bundle as `sample-plan` (revision 1 approved, revision 2 pending review).
// Safe to run again: existing data is left alone.
import path from 'node:path'
import { ensureInitialAdmin } from '../lib/auth/initial-admin'
import { EXIT, runCli } from '../lib/cli/run'
import { getSql } from '../lib/db/sql'
import { cliActor } from '../lib/input-sets/actor'
import { openBundle } from '../lib/input-sets/bundle/bundle-source'
import { writeSampleBundle } from '../lib/input-sets/bundle/sample-bundle'
import { createConfigVersion } from '../lib/input-sets/verbs/config-versions'
import { importBundle } from '../lib/input-sets/verbs/import-bundle'
import { reviewInputSet } from '../lib/input-sets/verbs/review'

const LABEL = 'sample-plan'

async function importSample(dir: string, comment: string) {
  const source = await openBundle(dir)
  try {
    const { report } = await importBundle({ source, label: LABEL, configVersionId: 1, actor: cliActor('planner'), comment })
    if (!report.ok) throw new Error(`the sample bundle did not validate: ${JSON.stringify(report.issues.slice(0, 3))}`)
    return report
  } finally {
    source.close()
  }
}

void runCli(async () => {
  console.log((await ensureInitialAdmin(cliActor('setup'))).message)
  const existing = await getSql().withConnection(async (c) => ({
    config: await c.get('SELECT id FROM config_version WHERE id = 1'),
    sample: await c.get('SELECT id FROM input_set WHERE label = ?', [LABEL]),
  }))
  if (!existing.config) await createConfigVersion({ id: 1, name: 'Default planning configuration' })
  if (existing.sample) {
    console.log(`Seed data already present ('${LABEL}').`)
    return EXIT.ok
  }
  const first = await importSample(writeSampleBundle(path.resolve('tmp/sample-bundle/v1')), 'Sample bundle, first cycle')
  await reviewInputSet({ ref: LABEL, action: 'approve', actor: cliActor('reviewer'), comment: 'DEMO-1 approve by reviewer' })
  const second = await importSample(writeSampleBundle(path.resolve('tmp/sample-bundle/v2'), 1.2), 'ALPHA demand +20%')
  console.log(`Seeded config version 1 and '${LABEL}' (r${first.revision} ready, r${second.revision} draft).`)
  return EXIT.ok
})
