// A real S3-compatible store for tests: s3rver on a free loopback port, its objects in a temp
// folder, stopped after the file. `env` is what a CLI needs to reach it (docs/operations.md,
// "Evidence off the machine"); `client` reads back what was stored.
import { CreateBucketCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after } from 'node:test'
import S3rver from 's3rver'

// s3rver's fixed credentials; it refuses any other access key id (it does not check v4 signatures).
const KEY = 'S3RVER'

export type S3Store = {
  endpoint: string
  env: Record<string, string>
  client: S3Client
  createBucket(name: string): Promise<void>
  getObject(bucket: string, key: string): Promise<{ body: Buffer; sha256: string | undefined }>
}

export async function startS3Store(): Promise<S3Store> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planning-hub-s3-'))
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: dir })
  const { port } = await server.run()
  after(async () => {
    await server.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })
  const endpoint = `http://127.0.0.1:${port}`
  const client = new S3Client({
    region: 'us-east-1',
    endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: KEY, secretAccessKey: KEY },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  })
  return {
    endpoint,
    env: { AWS_ENDPOINT_URL: endpoint, AWS_ACCESS_KEY_ID: KEY, AWS_SECRET_ACCESS_KEY: KEY, AWS_REGION: 'us-east-1' },
    client,
    async createBucket(name) {
      await client.send(new CreateBucketCommand({ Bucket: name }))
    },
    async getObject(bucket, key) {
      const got = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }))
      return { body: Buffer.from(await got.Body!.transformToByteArray()), sha256: got.Metadata?.sha256 }
    },
  }
}
