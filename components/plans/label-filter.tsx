import Link from 'next/link'

/** The plan and run lists' filter: a plain GET form, so every filter has its own URL. */
export function LabelFilter({ action, label }: { action: string; label: string }) {
  return (
    <form className="filters" method="get" action={action} role="search">
      <label>
        Input set label <input type="search" name="label" defaultValue={label} maxLength={128} aria-label="Filter by input set label" />
      </label>
      <button type="submit" className="button">
        Apply
      </button>
      {label && <Link href={action}>Clear filter</Link>}
    </form>
  )
}
