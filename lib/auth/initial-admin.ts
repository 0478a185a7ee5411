// The first administrator of a fresh installation: admin@localhost with a random password,
// written to DATA_DIR/initial-admin-password (readable by the owner only) and printed once, so
// `npm run setup` ends with a way to sign in and no default password exists anywhere.
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { env } from '../env'
import type { Actor } from '../input-sets/actor'
import { createUser, findUserByEmail } from './users'

export const INITIAL_ADMIN_EMAIL = 'admin@localhost'

export function initialAdminPasswordFile(): string {
  return path.resolve(env().DATA_DIR, 'initial-admin-password')
}

function signInUrl(): string {
  const { NEXTAUTH_URL, PORT } = env()
  return `${(NEXTAUTH_URL ?? `http://localhost:${PORT}`).replace(/\/$/, '')}/login`
}

/** Replaces the file in one step, created with mode 0600 so it is never readable by others. */
function writePrivateFile(file: string, content: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const draft = `${file}.${process.pid}.tmp`
  fs.rmSync(draft, { force: true })
  fs.writeFileSync(draft, content, { mode: 0o600, flag: 'wx' })
  fs.renameSync(draft, file)
}

export async function ensureInitialAdmin(actor: Actor): Promise<{ created: boolean; message: string }> {
  const file = initialAdminPasswordFile()
  if (await findUserByEmail(INITIAL_ADMIN_EMAIL)) {
    const where = fs.existsSync(file) ? `its initial password is in ${file}` : `its initial password file ${file} is gone`
    return { created: false, message: `Administrator ${INITIAL_ADMIN_EMAIL} exists; ${where}.` }
  }
  const password = randomBytes(18).toString('base64url')
  await createUser({ email: INITIAL_ADMIN_EMAIL, name: 'Administrator', role: 'admin', password }, actor)
  writePrivateFile(file, `${password}\n`)
  return {
    created: true,
    message:
      `Created administrator ${INITIAL_ADMIN_EMAIL} with password ${password}\n` +
      `  (saved in ${file}); sign in at ${signInUrl()} and create personal accounts with scripts/create_user.ts.`,
  }
}
