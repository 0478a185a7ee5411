// The key that signs and encrypts session cookies. AUTH_SECRET when set (required when several
// app instances serve one site: each must accept the others' cookies); otherwise one generated
// on first use into DATA_DIR/auth-secret, so a single instance needs no configuration.
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { env } from '../env'

const MIN_SECRET_LENGTH = 32

type SecretGlobal = { __planningHubAuthSecret?: { key: string; secret: string } }

export function authSecretFile(): string {
  return path.resolve(env().DATA_DIR, 'auth-secret')
}

function readOrCreate(file: string): string {
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true })
    // Written aside, then linked into place: link() fails if the file exists, so two processes
    // starting at once agree on one secret, and none ever reads a half-written file.
    const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`
    fs.writeFileSync(draft, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' })
    try {
      fs.linkSync(draft, file)
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
    } finally {
      fs.rmSync(draft, { force: true })
    }
  }
  const secret = fs.readFileSync(file, 'utf8').trim()
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new Error(`${file} holds fewer than ${MIN_SECRET_LENGTH} characters; delete it (signs everyone out) or set AUTH_SECRET.`)
  }
  return secret
}

export function authSecret(): string {
  const configured = env().AUTH_SECRET
  if (configured) return configured
  const file = authSecretFile()
  const g = globalThis as SecretGlobal
  if (g.__planningHubAuthSecret?.key !== file) g.__planningHubAuthSecret = { key: file, secret: readOrCreate(file) }
  return g.__planningHubAuthSecret.secret
}
