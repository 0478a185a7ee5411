// Audit evidence for one label (docs/cli.md, "Backups and audit evidence"): events.json, the REST
// events body, and history.png, a real browser screenshot of the portal's History tab, both written
// to <root>/input_sets/<label>/<YYYYMMDD>/. The browser part is scripts/dev/history-screenshot.ts
// (Playwright is a dev dependency, which lib may not import); it is passed in as `screenshot`.
import type { ReadAccess } from '../../auth/access'
import fs from 'node:fs'
import path from 'node:path'
import { InvalidError } from '../../errors'
import { assertValidLabel } from '../labels'
import { listEvents, MAX_EVENT_LIMIT } from '../queries/events'

export type EvidenceCredentials = { email: string; password: string }

/** Signs in as `credentials` at `baseUrl` and returns a PNG of `label`'s History tab. */
export type HistoryScreenshot = (baseUrl: string, label: string, credentials: EvidenceCredentials) => Promise<Buffer>

export type EvidenceOptions = {
  access: ReadAccess
  label: string
  /** YYYYMMDD; names the folder. */
  date: string
  baseUrl: string
  /** The folder holding input_sets/ (default evidence/). */
  root: string
  credentials: EvidenceCredentials
  screenshot: HistoryScreenshot
  limit?: number
}

export type EvidenceResult = { dir: string; files: string[]; events: number; truncated: boolean }

/** Today's date as YYYYMMDD in the display zone (a Tokyo team's day, not the server's). */
export function evidenceDate(now: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now)
  const get = (type: string) => parts.find((p) => p.type === type)!.value
  return `${get('year')}${get('month')}${get('day')}`
}

export function assertEvidenceDate(text: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(text)
  const d = m && new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  if (!m || !d || d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) {
    throw new InvalidError(`--date must be a calendar date written YYYYMMDD; got '${text}'.`, { field: 'date' })
  }
  return text
}

export function assertBaseUrl(text: string): string {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new InvalidError(`--base-url must be an http(s) URL such as http://localhost:3000; got '${text}'.`, { field: 'base-url' })
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InvalidError(`--base-url must use http or https; got '${text}'.`, { field: 'base-url' })
  return url.origin + url.pathname.replace(/\/+$/, '')
}

/** The evidence folder; the label and date are checked first, so nothing can point outside `root`. */
export function evidenceDir(root: string, label: string, date: string): string {
  assertValidLabel(label)
  assertEvidenceDate(date)
  const base = path.resolve(root, 'input_sets')
  const dir = path.resolve(base, label, date)
  if (path.dirname(path.dirname(dir)) !== base) throw new InvalidError(`Label '${label}' cannot name an evidence folder.`, { field: 'label' })
  return dir
}

export async function collectEvidence(o: EvidenceOptions): Promise<EvidenceResult> {
  const dir = evidenceDir(o.root, o.label, o.date)
  const baseUrl = assertBaseUrl(o.baseUrl)
  const limit = o.limit ?? MAX_EVENT_LIMIT
  // An unknown label fails here (not found), before a browser starts.
  const body = await listEvents(o.access, o.label, limit)
  const png = await o.screenshot(baseUrl, o.label, o.credentials)
  fs.mkdirSync(dir, { recursive: true })
  const files = [writeAtomically(path.join(dir, 'events.json'), `${JSON.stringify(body, null, 2)}\n`), writeAtomically(path.join(dir, 'history.png'), png)]
  return { dir, files, events: body.events.length, truncated: body.events.length === limit }
}

function writeAtomically(file: string, data: string | Buffer): string {
  const temp = `${file}.${process.pid}.tmp`
  fs.writeFileSync(temp, data)
  fs.renameSync(temp, file)
  return file
}
