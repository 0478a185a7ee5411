// Shortcuts for tests that drive the domain verbs directly.
import { getSql } from '../../lib/db/sql'
import { cliActor } from '../../lib/input-sets/actor'
import { openBundle } from '../../lib/input-sets/bundle/bundle-source'
import { createConfigVersion } from '../../lib/input-sets/verbs/config-versions'
import { importBundle, type ImportOptions } from '../../lib/input-sets/verbs/import-bundle'

export const alice = cliActor('alice')
export const bob = cliActor('bob')

export async function ensureConfigVersion(id = 1): Promise<void> {
  const exists = await getSql().withConnection((c) => c.get('SELECT id FROM config_version WHERE id = ?', [id]))
  if (!exists) await createConfigVersion({ id, name: `config ${id}` })
}

export async function importDir(dir: string, label: string, extra: Partial<ImportOptions> = {}) {
  await ensureConfigVersion(extra.configVersionId ?? 1)
  const source = await openBundle(dir)
  try {
    return await importBundle({ source, label, configVersionId: 1, actor: alice, ...extra })
  } finally {
    source.close()
  }
}

export async function count(sql: string, params: (string | number)[] = []): Promise<number> {
  const row = await getSql().withConnection((c) => c.get<{ n: number | string }>(sql, params))
  return Number(row?.n ?? 0)
}
