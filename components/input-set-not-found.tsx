import Link from 'next/link'
import { inputSetHref, listHref } from './input-set-links'

/**
 * What an unknown label or revision shows: the domain's own message (which already names
 * close labels and pending drafts), with those candidates as links.
 */
export function InputSetNotFound({ message, candidates }: { message: string; candidates: string[] }) {
  return (
    <div className="not-found">
      <h1>Input set not found</h1>
      <p>{message}</p>
      {candidates.length > 0 && (
        <>
          <h2>Did you mean</h2>
          <ul>
            {candidates.map((c) => (
              <li key={c}>
                <Link href={inputSetHref(c)}>{c}</Link>
              </li>
            ))}
          </ul>
        </>
      )}
      <p>
        <Link href={listHref}>All input sets</Link>
      </p>
    </div>
  )
}
