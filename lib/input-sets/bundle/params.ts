// planning_params (its own file, or nested in the calendar) and the informational meta.
import { MAX_TEXT_BYTES, overTextLimit } from './csv-cells'
import { SectionHasher, type SectionDigest } from './hashing'
import { isPlainObject, stableStringify } from './json-value'
import type { ReportBuilder, Severity } from './report'

export type Params = Record<string, unknown>
export type Meta = { description: string | null; canonical_sample_name: string | null; raw: Record<string, unknown> }

export const PARAMS_FILE = 'planning_params.json'

type Rule = (v: unknown) => string | undefined
const number =
  (min: number, max = Infinity): Rule =>
  (v) =>
    typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max ? undefined : `must be a number${max < Infinity ? ` in [${min}, ${max}]` : ` ≥ ${min}`}`
const wholeNumber: Rule = (v) => (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? undefined : 'must be a whole number ≥ 0')
const text: Rule = (v) => (typeof v === 'string' && v !== '' ? undefined : 'must be a non-empty string')
const oneOf =
  (...values: string[]): Rule =>
  (v) =>
    typeof v === 'string' && values.includes(v) ? undefined : `must be one of ${values.map((x) => `"${x}"`).join(', ')}`

const KNOWN: Record<string, Rule> = {
  tolerance_abs: number(0),
  tolerance_rel: number(0),
  carryover_mode: text,
  carryover_split: number(0, 1),
  lt_unit: text,
  recon_window_days: wholeNumber,
  default_anchor_policy: text,
  mix_share_sum_severity: oneOf('warning', 'error'),
  impact_utilisation_limit: number(0),
  impact_backlog_limit: number(0),
}

export const DEFAULT_TOLERANCE = { abs: 1e-6, rel: 1e-6 }

/** Validates params; `file` and `column` prefix name where they came from. */
export function readParams(doc: unknown, file: string, prefix: string, report: ReportBuilder): Params | undefined {
  const counts = report.counts('planning_params')
  if (!isPlainObject(doc)) {
    report.error('bad_params', file, null, prefix || null, 'planning_params must be a JSON object.')
    return undefined
  }
  const before = report.errors
  for (const [key, value] of Object.entries(doc)) {
    counts.rows_read++
    const rule = KNOWN[key]
    if (overTextLimit(key)) {
      report.error('value_too_long', file, null, prefix || null, `A parameter name is longer than ${MAX_TEXT_BYTES} bytes.`)
      continue
    }
    const column = `${prefix}${key}`
    if (!rule) report.warning('unknown_key', file, null, column, `Unknown parameter '${key}' is kept as written (and exported again); nothing reads it.`)
    const problem = rule?.(value)
    if (problem) report.error('bad_value', file, null, column, `${key} ${problem}; got ${JSON.stringify(value)}.`)
    else counts.rows_accepted++
  }
  return report.errors > before ? undefined : doc
}

export function toleranceOf(params: Params | undefined): { abs: number; rel: number } {
  const abs = typeof params?.tolerance_abs === 'number' ? params.tolerance_abs : DEFAULT_TOLERANCE.abs
  const rel = typeof params?.tolerance_rel === 'number' ? params.tolerance_rel : DEFAULT_TOLERANCE.rel
  return { abs, rel }
}

/** Above these a period of the planning impact is a warning (docs/impact.md); defaults when the set does not say. */
export const DEFAULT_IMPACT_LIMITS = { utilisation: 0.95, backlog: 0 }

export type ImpactLimit = { value: number; source: 'params' | 'default' }

export function impactLimitsOf(params: Params | undefined): { utilisation: ImpactLimit; backlog: ImpactLimit } {
  const limit = (key: string, fallback: number): ImpactLimit =>
    typeof params?.[key] === 'number' ? { value: params[key], source: 'params' } : { value: fallback, source: 'default' }
  return { utilisation: limit('impact_utilisation_limit', DEFAULT_IMPACT_LIMITS.utilisation), backlog: limit('impact_backlog_limit', DEFAULT_IMPACT_LIMITS.backlog) }
}

/**
 * Whether mix shares of a family not summing to 1 block the import (`error`) or only warn
 * (`warning`, the default): a planning decision, so a parameter of the set (docs/bundles.md).
 */
export function mixShareSumSeverity(params: Params | undefined): Severity {
  return params?.mix_share_sum_severity === 'error' ? 'error' : 'warning'
}

export async function paramsDigest(params: Params | undefined): Promise<SectionDigest> {
  const hasher = new SectionHasher()
  for (const [k, v] of Object.entries(params ?? {})) hasher.addRow(stableStringify([k, v]))
  return hasher.digest()
}

export function readMeta(doc: unknown, file: string, label: string, report: ReportBuilder): Meta | undefined {
  if (!isPlainObject(doc)) {
    report.warning('bad_meta', file, null, null, `${file} is not a JSON object; it was ignored.`)
    return undefined
  }
  const str = (v: unknown) => (typeof v === 'string' ? v : null)
  if (typeof doc.label === 'string' && doc.label !== label) {
    report.warning('meta_label_differs', file, null, 'label', `${file} names label '${doc.label}'; the set is stored as '${label}'.`)
  }
  return { description: str(doc.description), canonical_sample_name: str(doc.canonical_sample_name), raw: doc }
}
