// Config versions: the canonical planning configurations input sets belong to.
import { z } from 'zod'
import { getDb } from '../db/client'
import { ConflictError, InvalidError } from '../errors'

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
  const existing = await getDb().configVersion.findUnique({ where: { id: parsed.data.id } })
  if (existing) throw new ConflictError(`Config version ${parsed.data.id} already exists ('${existing.name}').`)
  const row = await getDb().configVersion.create({ data: parsed.data })
  return { id: row.id, name: row.name, created_at: row.createdAt.toISOString() }
}

export async function listConfigVersions(): Promise<ConfigVersionView[]> {
  const rows = await getDb().configVersion.findMany({ orderBy: { id: 'asc' } })
  return rows.map((r) => ({ id: r.id, name: r.name, created_at: r.createdAt.toISOString() }))
}
