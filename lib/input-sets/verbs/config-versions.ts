// Config versions: the canonical planning configurations input sets belong to.
import { z } from 'zod'
import { getSql } from '../../db/sql'
import { ConflictError, InvalidError } from '../../errors'

export const configVersionInput = z.object({
  id: z.coerce.number().int().positive(),
  name: z.string().trim().min(1).max(200),
})

export type ConfigVersionView = { id: number; name: string; created_at: string }

export async function createConfigVersion(raw: { id: unknown; name: unknown }): Promise<ConfigVersionView> {
  const parsed = configVersionInput.safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new InvalidError(`Invalid ${issue.path.join('.')}: ${issue.message}`, { field: issue.path.join('.') })
  }
  const { id, name } = parsed.data
  const createdAt = new Date()
  const inserted = await getSql().transaction(async (conn) => {
    const row = await conn.db
      .insertInto('config_version')
      .values({ id, name, created_at: createdAt })
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .executeTakeFirst()
    return row !== undefined
  })
  if (!inserted) throw new ConflictError(`Config version ${id} already exists.`)
  return { id, name, created_at: createdAt.toISOString() }
}

export async function listConfigVersions(): Promise<ConfigVersionView[]> {
  const rows = await getSql().withConnection((conn) => conn.db.selectFrom('config_version').select(['id', 'name', 'created_at']).orderBy('id').execute())
  return rows.map((r) => ({ id: r.id, name: r.name, created_at: r.created_at.toISOString() }))
}
