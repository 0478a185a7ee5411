import type { ReferenceChoice } from '@/lib/diff/reference'

/** A plain GET form: the chosen reference becomes ?against=, so every comparison has its own URL. */
export function DiffPicker({ action, choices, against }: { action: string; choices: ReferenceChoice[]; against: string | undefined }) {
  const known = choices.some((c) => c.ref === against)
  return (
    <form className="filters diff-picker" action={action} method="get">
      <label>
        Compare against{' '}
        <select name="against" defaultValue={against ?? ''} required>
          {!against && <option value="">Choose a reference…</option>}
          {against && !known && <option value={against}>{against}</option>}
          {choices.map((c) => (
            <option key={`${c.label}@${c.revision}`} value={c.ref}>
              {c.ref === c.label ? `${c.label} (r${c.revision}, ${c.status})` : `${c.ref} (${c.status})`}
              {c.same_label ? '' : ` · config ${c.config_version_id}`}
            </option>
          ))}
        </select>
      </label>
      <button className="button" type="submit">
        Compare
      </button>
    </form>
  )
}
