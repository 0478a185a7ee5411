// Password hashing with scrypt (node:crypto, no dependency). The stored string carries its own
// parameters and salt, `scrypt$N$r$p$salt$key`, so the cost can be raised later without
// invalidating existing hashes.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto'
import { env } from '../env'
import { InvalidError } from '../errors'

export const MIN_PASSWORD_LENGTH = 10
// Hashing work grows with the input; nobody types more than this.
const MAX_PASSWORD_LENGTH = 1024
const COST = { N: 2 ** 15, r: 8, p: 1 }
const KEY_BYTES = 32
const SALT_BYTES = 16
// Parameters read back from a stored hash are bounded, so a tampered row cannot exhaust memory.
const MAX_SCRYPT_MEMORY = 256 * 1024 * 1024

// Default and top-of-the-list passwords an attacker tries first (compared case-insensitively).
// Shorter ones are already refused by the minimum length.
const WELL_KNOWN = new Set([
  'password123',
  'password1234',
  'password12345',
  'passw0rd123',
  'p@ssw0rd123',
  'p@ssword123',
  'changeme123',
  'changeme1234',
  'changemenow',
  '1234567890',
  '12345678910',
  '0123456789',
  '0987654321',
  '1122334455',
  'qwertyuiop',
  'qwerty12345',
  'qwerty123456',
  '1q2w3e4r5t',
  '1qaz2wsx3edc',
  'asdfghjkl1',
  'administrator',
  'admin12345',
  'admin123456',
  'adminadmin',
  'letmein123',
  'welcome123',
  'welcome1234',
  'iloveyou123',
  'trustno1234',
  'abc1234567',
  'abcdefghij',
  'default123',
  'test123456',
  'testtest123',
  'superuser123',
  'rootroot123',
  'planninghub',
  'planning-hub',
  'planninghub1',
  'planninghub123',
  'secret1234',
  'secretpassword',
])

function derive(password: string, salt: Buffer, cost: typeof COST, keyBytes: number): Promise<Buffer> {
  const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r }
  return new Promise((resolve, reject) =>
    // NFKC: the same password typed on another keyboard or OS must hash the same.
    scrypt(password.normalize('NFKC'), salt, keyBytes, options, (err, key) => (err ? reject(err) : resolve(key))),
  )
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES)
  const key = await derive(password, salt, COST, KEY_BYTES)
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64url'), key.toString('base64url')].join('$')
}

/** False for a wrong password and for anything that is not a hash this module wrote. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$')
  if (parts.length !== 6 || parts[0] !== 'scrypt' || password.length > MAX_PASSWORD_LENGTH) return false
  const [N, r, p] = parts.slice(1, 4).map(Number)
  const salt = Buffer.from(parts[4], 'base64url')
  const expected = Buffer.from(parts[5], 'base64url')
  const sane = [N, r, p].every(Number.isSafeInteger) && N > 1 && (N & (N - 1)) === 0 && r >= 1 && p >= 1 && p <= 16 && 128 * N * r <= MAX_SCRYPT_MEMORY
  if (!sane || salt.length === 0 || expected.length < 16) return false
  const actual = await derive(password, salt, { N, r, p }, expected.length)
  return timingSafeEqual(actual, expected)
}

let dummyHash: Promise<string> | undefined

/**
 * Verifies against a throw-away hash: a sign-in for an unknown user costs the same time as one
 * with a wrong password, so response times do not reveal which emails have accounts.
 */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'))
  await verifyPassword(password, await dummyHash)
}

/** Throws InvalidError for a password that must not be set; `email` is the account's. */
export function checkPasswordPolicy(password: string, email?: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new InvalidError(`The password must be at least ${MIN_PASSWORD_LENGTH} characters long.`, { field: 'password' }, 'weak_password')
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    throw new InvalidError(`The password must be at most ${MAX_PASSWORD_LENGTH} characters long.`, { field: 'password' }, 'weak_password')
  }
  if (env().NODE_ENV !== 'production') return
  const lower = password.normalize('NFKC').toLowerCase()
  const local = email?.split('@')[0]
  if (WELL_KNOWN.has(lower) || new Set(lower).size === 1 || lower === email || (local && local.length >= 4 && lower.includes(local))) {
    throw new InvalidError('This password is a well-known default or guessable from the account name; choose another.', { field: 'password' }, 'weak_password')
  }
}
