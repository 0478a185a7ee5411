import { InputSetNotFound } from '@/components/input-set-not-found'
import { PageNotFound } from '@/components/page-not-found'
import '@/components/input-set-portal.css'
import { missingInputSet, requestRef } from './segment-ref'

// Next renders this with every page of the segment (shown only after notFound()), so it reads
// through the request's shared lookup instead of querying again.
export default async function InputSetNotFoundPage() {
  const ref = requestRef().text
  // missingInputSet reads with the request's access: without a session this redirects to sign-in.
  const missing = ref === undefined ? null : await missingInputSet(ref)
  // The set exists but this page of it does not (e.g. the review page of label@draft).
  if (!missing) return <PageNotFound />
  return <InputSetNotFound message={missing.message} candidates={missing.candidates} />
}
