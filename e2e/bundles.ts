// The bundles the browser specs upload, written to a temporary folder by run-e2e.ts: the
// reference bundle (tests may read ../shared; the product may not), a zip of it, a malformed
// variant and a one-file update. Specs find them through E2E_BUNDLES.
import fs from 'node:fs'
import path from 'node:path'
import yazl from 'yazl'
import { REFERENCE } from '../test/helpers/fixtures'

export const BUNDLES = {
  reference: 'reference',
  zip: 'reference.zip',
  malformed: 'malformed',
  demandUpdate: 'demand-update',
} as const

/** Line 3 of demand_family.csv (the second data row) gets `12x`; capacity.csv loses its capacity column. */
export const MALFORMED = { demandRow: 3, demandValue: '12x' }

export async function prepareBundles(root: string): Promise<void> {
  const reference = path.join(root, BUNDLES.reference)
  copyFolder(REFERENCE.planning, reference)

  const malformed = path.join(root, BUNDLES.malformed)
  copyFolder(REFERENCE.planning, malformed)
  const demand = fs.readFileSync(path.join(reference, 'demand_family.csv'), 'utf8').split('\n')
  const withText = demand.map((line, i) => (i === MALFORMED.demandRow - 1 ? line.replace(/,[^,]*$/, `,${MALFORMED.demandValue}`) : line))
  fs.writeFileSync(path.join(malformed, 'demand_family.csv'), withText.join('\n'))
  const capacity = fs.readFileSync(path.join(reference, 'capacity.csv'), 'utf8')
  fs.writeFileSync(path.join(malformed, 'capacity.csv'), capacity.replace(/,[^,\n]*$/gm, ''))

  // A planner's typical change: one file, one number.
  const update = path.join(root, BUNDLES.demandUpdate)
  fs.mkdirSync(update)
  fs.writeFileSync(path.join(update, 'demand_family.csv'), demand.map((line, i) => (i === 1 ? line.replace(/,[^,]*$/, ',105') : line)).join('\n'))

  await zipFolder(reference, path.join(root, BUNDLES.zip))
}

/** Every file of a bundle folder, for setInputFiles. */
export function bundleFiles(root: string, name: string): string[] {
  const dir = path.join(root, name)
  return fs
    .readdirSync(dir)
    .sort()
    .map((f) => path.join(dir, f))
}

function copyFolder(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true })
  for (const name of fs.readdirSync(from)) {
    fs.copyFileSync(path.join(from, name), path.join(to, name))
    fs.chmodSync(path.join(to, name), 0o644)
  }
}

function zipFolder(dir: string, file: string): Promise<void> {
  const zip = new yazl.ZipFile()
  for (const name of fs.readdirSync(dir).sort()) zip.addFile(path.join(dir, name), `planning/${name}`)
  zip.end()
  return new Promise((resolve, reject) => {
    zip.outputStream.pipe(fs.createWriteStream(file)).on('close', resolve).on('error', reject)
  })
}
