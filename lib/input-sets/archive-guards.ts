// The hook through which other features (plans, runs) refuse archiving a revision
// they still reference. Each guard names what references the revision.
import type { SqlConn } from '../db/sql'
import type { ResolvedRevision } from './resolve'

export type ArchiveGuard = (conn: SqlConn, revision: ResolvedRevision) => Promise<string[]>

const guards: ArchiveGuard[] = []

export function registerArchiveGuard(guard: ArchiveGuard): void {
  if (!guards.includes(guard)) guards.push(guard)
}

export async function referencesOf(conn: SqlConn, revision: ResolvedRevision): Promise<string[]> {
  const found: string[] = []
  for (const guard of guards) found.push(...(await guard(conn, revision)))
  return found
}
