// Shown while the server reads the input set; the header and navigation stay in place.
export default function Loading() {
  return (
    <div aria-busy="true">
      <p className="breadcrumb">Input sets</p>
      <p className="loading">Loading input set…</p>
    </div>
  )
}
