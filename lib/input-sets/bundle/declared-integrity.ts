// A resource's `bytes` and `hash` in datapackage.json (docs/bundles.md, "Importing with
// datapackage.json"): what the file was when the descriptor was written, for example by an
// export. The file is measured while it is read for its rows (no second read). A difference is a
// warning, not an error: editing an exported file and importing it again is a normal way to make
// a new revision, and the warning tells its reviewer that the file is not the one described.
import { createHash, type Hash } from 'node:crypto'
import { Transform, type TransformCallback } from 'node:stream'
import { DATA_PACKAGE_FILE } from './data-package'
import type { ReportBuilder } from './report'

/** Frictionless names the algorithm as a prefix (`sha256:…`); without one the hash is MD5. */
const HEX_LENGTH = { md5: 32, sha1: 40, sha256: 64, sha512: 128 } as const
type Algorithm = keyof typeof HEX_LENGTH

export type DeclaredIntegrity = {
  resource: string
  /** The resource's JSON path in the descriptor, like `resources[2]`. */
  at: string
  bytes?: number
  hash?: { algorithm: Algorithm; hex: string }
}

/**
 * The resource's declared size and hash, if it declares any it can be checked against; a value
 * that cannot be checked is a warning saying so (reading the rows does not depend on it).
 */
export function declaredIntegrity(resource: { name: string; bytes?: unknown; hash?: unknown }, at: string, report: ReportBuilder): DeclaredIntegrity | undefined {
  const unchecked = (key: string, message: string) =>
    report.warning('integrity_not_checked', DATA_PACKAGE_FILE, null, `${at}.${key}`, `Resource '${resource.name}': ${message} The file was not checked against it.`)
  const declared: DeclaredIntegrity = { resource: resource.name, at }
  if (resource.bytes !== undefined) {
    if (Number.isSafeInteger(resource.bytes) && (resource.bytes as number) >= 0) declared.bytes = resource.bytes as number
    else unchecked('bytes', `"bytes" must be a whole number of bytes, not ${JSON.stringify(resource.bytes)}.`)
  }
  if (resource.hash !== undefined) {
    const m = typeof resource.hash === 'string' ? /^(?:([a-z0-9]+):)?([0-9a-f]+)$/i.exec(resource.hash) : null
    const algorithm = (m?.[1]?.toLowerCase() ?? 'md5') as Algorithm
    if (!m || !(algorithm in HEX_LENGTH)) {
      unchecked('hash', `"hash" must be '<hex>' (MD5) or '<md5|sha1|sha256|sha512>:<hex>', not ${JSON.stringify(resource.hash)}.`)
    } else if (m[2].length !== HEX_LENGTH[algorithm]) {
      unchecked('hash', `"hash" has ${m[2].length} hex digits; a ${algorithm} hash has ${HEX_LENGTH[algorithm]}.`)
    } else declared.hash = { algorithm, hex: m[2].toLowerCase() }
  }
  return declared.bytes === undefined && declared.hash === undefined ? undefined : declared
}

/** Passes a file's bytes through unchanged, counting and hashing them for `check`. */
export class IntegrityMeter extends Transform {
  private bytes = 0
  private readonly hash: Hash | undefined

  constructor(private readonly declared: DeclaredIntegrity) {
    super()
    this.hash = declared.hash && createHash(declared.hash.algorithm)
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length
    this.hash?.update(chunk)
    done(null, chunk)
  }

  /** After the whole file went through: a warning for each declared value the file does not have. */
  check(file: string, report: ReportBuilder): void {
    const { resource, at, bytes, hash } = this.declared
    const differs = (key: string, what: string) =>
      report.warning(
        'integrity_mismatch',
        DATA_PACKAGE_FILE,
        null,
        `${at}.${key}`,
        `'${file}' is not the file resource '${resource}' describes: ${what}. It changed after ${DATA_PACKAGE_FILE} was written; its rows are imported as they are now.`,
      )
    if (bytes !== undefined && bytes !== this.bytes) differs('bytes', `it has ${this.bytes} bytes, the descriptor says ${bytes}`)
    if (hash && this.hash) {
      const actual = this.hash.digest('hex')
      if (actual !== hash.hex) differs('hash', `its ${hash.algorithm} is ${actual}, the descriptor says ${hash.hex}`)
    }
  }
}
