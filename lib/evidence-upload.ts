// Evidence off the machine (docs/operations.md, "Evidence off the machine"): copies files of the
// evidence tree to an S3-compatible store, one object per file under `s3://bucket/prefix/<path
// below the evidence root>`. Each object carries the file's SHA-256 as metadata (`sha256`, and
// the store's own SHA-256 checksum where it keeps one); a file whose object already has the same
// SHA-256 is skipped, so a weekly sync sends only what is new or changed.
import { HeadObjectCommand, PutObjectCommand, S3Client, S3ServiceException, type HeadObjectCommandOutput } from '@aws-sdk/client-s3'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { env } from './env'
import { ForbiddenError, InvalidError, NotFoundError } from './errors'

export type S3Target = { bucket: string; /** '' or ending in '/'. */ prefix: string }

export type UploadedObject = { file: string; url: string; bytes: number; sha256: string; action: 'sent' | 'skipped' }

export type UploadSummary = { target: string; sent: number; skipped: number; bytes_sent: number; objects: UploadedObject[] }

// S3's bucket naming rules (lowercase letters, digits, dots and hyphens, 3–63 characters).
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/

/** `s3://bucket` or `s3://bucket/some/prefix`; `field` names the option in the message. */
export function parseS3Url(text: string, field: string): S3Target {
  const m = /^s3:\/\/([^/]+)(?:\/(.*))?$/.exec(text)
  if (!m || !BUCKET.test(m[1])) {
    throw new InvalidError(`--${field} must be s3://bucket/prefix (a bucket name of 3–63 lowercase letters, digits, dots or hyphens); got '${text}'.`, { field })
  }
  const prefix = (m[2] ?? '').replace(/^\/+|\/+$/g, '')
  if (prefix.split('/').some((part) => part === '.' || part === '..'))
    throw new InvalidError(`--${field} must not contain '.' or '..' path parts; got '${text}'.`, { field })
  return { bucket: m[1], prefix: prefix ? `${prefix}/` : '' }
}

export function formatS3Url(target: S3Target, key = ''): string {
  return `s3://${target.bucket}/${target.prefix}${key}`
}

/** A client for AWS, or for the S3-compatible endpoint the environment names. */
export function s3ClientFromEnv(): S3Client {
  const e = env()
  // The SDK warns on every run that its 2027 releases need Node.js 22: nine lines on stderr of a
  // weekly job whose errors are one line. The notice is kept in docs/operations.md instead.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'
  const endpoint = e.AWS_ENDPOINT_URL_S3 ?? e.AWS_ENDPOINT_URL ?? e.S3_ENDPOINT
  return new S3Client({
    region: e.AWS_REGION ?? e.AWS_DEFAULT_REGION ?? 'us-east-1',
    ...(endpoint ? { endpoint } : {}),
    forcePathStyle: e.S3_FORCE_PATH_STYLE ?? Boolean(endpoint),
    followRegionRedirects: true,
    // Checksums only where S3 requires them: many S3-compatible stores reject the SDK's default
    // streaming checksum trailers. The SHA-256 is sent explicitly with each object instead.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  })
}

/** Every regular file below `root`, as paths relative to it with '/' separators, sorted; half-written `*.tmp` files are left out. */
export function filesBelow(root: string): string[] {
  if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) throw new NotFoundError(`Evidence folder '${root}' does not exist.`, { field: 'from' })
  const out: string[] = []
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (entry.isFile() && !entry.name.endsWith('.tmp')) out.push(path.relative(root, full).split(path.sep).join('/'))
    }
  }
  walk(root)
  return out.sort()
}

/**
 * Uploads `files` (relative to `root`) to `target`, skipping those whose object's SHA-256 already
 * matches; `report` hears about each object as it is done.
 */
export async function uploadEvidence(
  client: S3Client,
  target: S3Target,
  root: string,
  files: string[],
  report: (o: UploadedObject) => void = () => {},
): Promise<UploadSummary> {
  const summary: UploadSummary = { target: formatS3Url(target), sent: 0, skipped: 0, bytes_sent: 0, objects: [] }
  for (const file of files) {
    const body = fs.readFileSync(path.join(root, file))
    const digest = crypto.createHash('sha256').update(body).digest()
    const sha256 = digest.toString('hex')
    const key = `${target.prefix}${file}`
    const existing = await s3Call(target, () => headOrNull(client, target.bucket, key))
    const same = existing?.Metadata?.sha256 === sha256
    if (!same) {
      await s3Call(target, () =>
        client.send(
          new PutObjectCommand({
            Bucket: target.bucket,
            Key: key,
            Body: body,
            ContentLength: body.length,
            ChecksumSHA256: digest.toString('base64'),
            Metadata: { sha256 },
          }),
        ),
      )
    }
    const done: UploadedObject = { file, url: formatS3Url(target, file), bytes: body.length, sha256, action: same ? 'skipped' : 'sent' }
    if (same) summary.skipped++
    else {
      summary.sent++
      summary.bytes_sent += body.length
    }
    summary.objects.push(done)
    report(done)
  }
  return summary
}

async function headOrNull(client: S3Client, bucket: string, key: string): Promise<HeadObjectCommandOutput | null> {
  try {
    return await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }))
  } catch (err) {
    if (err instanceof S3ServiceException && err.$metadata.httpStatusCode === 404) return null
    throw err
  }
}

/** The store's refusals as the CLI's exit codes (docs/cli.md): a missing bucket 4, denied 3, no credentials 2. */
async function s3Call<T>(target: S3Target, call: () => Promise<T>): Promise<T> {
  try {
    return await call()
  } catch (err) {
    const name = (err as Error)?.name
    if (name === 'NoSuchBucket') throw new NotFoundError(`Bucket '${target.bucket}' does not exist.`, { field: 'upload' })
    if (
      err instanceof S3ServiceException &&
      (err.$metadata.httpStatusCode === 403 || name === 'AccessDenied' || name === 'InvalidAccessKeyId' || name === 'SignatureDoesNotMatch')
    ) {
      throw new ForbiddenError(`The store refused access to ${formatS3Url(target)} (${name}): check the AWS credentials.`, { field: 'upload' })
    }
    if (name === 'CredentialsProviderError') {
      throw new InvalidError('No AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE).', { field: 'upload' })
    }
    throw new Error(`upload to ${formatS3Url(target)} failed: ${(err as Error)?.message ?? String(err)}`)
  }
}

/** One line per object, as the CLIs print it. */
export function uploadLine(o: UploadedObject): string {
  return o.action === 'sent' ? `sent     ${o.url}  ${o.bytes} bytes  sha256 ${o.sha256}` : `skipped  ${o.url}  sha256 already matches`
}

export function uploadSummaryLine(s: UploadSummary): string {
  return `${s.sent} sent (${s.bytes_sent} bytes), ${s.skipped} skipped (SHA-256 already matches), to ${s.target}`
}
