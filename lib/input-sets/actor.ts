// Who is acting. Every verb receives one explicitly; the domain never reads a session
// or the environment to find out. `id` is what four-eyes compares.
import os from 'node:os'
import { InvalidError } from '../errors'

export type ActorKind = 'user' | 'token' | 'cli' | 'system'
export type Actor = { kind: ActorKind; id: string; name: string }

/** The CLI's actor: --actor when given, else the operating-system user. */
export function cliActor(name?: string): Actor {
  const who = (name ?? os.userInfo().username).trim()
  if (!who || who.length > 200 || /[\u0000-\u001f]/.test(who)) {
    throw new InvalidError('--actor must be 1–200 printable characters.', { field: 'actor' })
  }
  return { kind: 'cli', id: `cli:${who}`, name: who }
}
