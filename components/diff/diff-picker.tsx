import type { ReferenceChoice } from '@/lib/diff/reference'

type Props = { action: string; choices: ReferenceChoice[]; selected: string | undefined }

/**
 * A plain GET form: the chosen reference becomes ?against=, so every comparison has its own URL.
 * The label's own revisions come first, then other labels' ready revisions.
 */
export function DiffPicker({ action, choices, selected }: Props) {
  const known = choices.some((c) => c.ref === selected)
  const own = choices.filter((c) => c.same_label)
  const others = choices.filter((c) => !c.same_label)
  return (
    <form className="filters diff-picker" action={action} method="get">
      <label>
        Compare against{' '}
        <select name="against" defaultValue={selected ?? ''} required>
          {!selected && <option value="">Choose a reference…</option>}
          {selected && !known && <option value={selected}>{selected}</option>}
          {own.length > 0 && (
            <optgroup label={`Revisions of ${own[0].label}`}>
              {own.map((c) => (
                <option key={c.ref} value={c.ref}>
                  {c.ref} ({c.status})
                </option>
              ))}
            </optgroup>
          )}
          {others.length > 0 && (
            <optgroup label="Other input sets (ready revision)">
              {others.map((c) => (
                <option key={c.ref} value={c.ref}>
                  {c.label} (r{c.revision}) · config {c.config_version_id}
                </option>
              ))}
            </optgroup>
          )}
        </select>
      </label>
      <button className="button" type="submit">
        Compare
      </button>
    </form>
  )
}
