import type { Metadata } from 'next'
import Link from 'next/link'
import '@/components/input-set-portal.css'
import { UploadForm } from '@/components/upload-form'
import { hasScope } from '@/lib/auth/principal'
import { env } from '@/lib/env'
import { LABEL_PATTERN } from '@/lib/input-sets/labels'
import { listConfigVersions } from '@/lib/input-sets/verbs/config-versions'
import { describeUploadTarget } from '../actions/upload-target'
import { uploadTargetOf } from '../actions/upload'
import { pageAccess } from '../../../current-principal'

// Reads the session and the database on every request.
export const dynamic = 'force-dynamic'

export const metadata: Metadata = { title: 'Upload input set' }

type SearchParams = Promise<Record<string, string | string[] | undefined>>

export default async function UploadPage({ searchParams }: { searchParams: SearchParams }) {
  const access = await pageAccess()
  const { principal } = access
  if (!hasScope(principal, 'input_sets:write')) {
    return (
      <>
        <p className="breadcrumb">
          <Link href="/ui/plans/input_sets">Input sets</Link> / Upload
        </p>
        <h1>Upload input set</h1>
        <div className="empty" role="status">
          <p>
            Uploading needs the <strong>editor</strong> role or higher. You are signed in as {principal.actor.name} with the <strong>{principal.role}</strong> role.
          </p>
          <p>Ask an administrator to change your role, or send the bundle to a planner.</p>
          <p>
            <Link href="/ui/plans/input_sets">Back to input sets</Link>
          </p>
        </div>
      </>
    )
  }

  // ?label=… (from a set's page) starts an upload to that label in its config version.
  const wanted = (await searchParams).label
  const label = typeof wanted === 'string' && LABEL_PATTERN.test(wanted) ? wanted : ''
  const [configVersions, target] = await Promise.all([listConfigVersions(), label ? describeUploadTarget(access, label) : undefined])
  const settings = env()

  return (
    <>
      <p className="breadcrumb">
        <Link href="/ui/plans/input_sets">Input sets</Link> / Upload
      </p>
      <h1>Upload input set</h1>
      {configVersions.length === 0 ? (
        <div className="empty" role="status">
          <p>
            No config version exists yet, and every upload belongs to one. An administrator registers it on the server (see the operators&apos; guide), then uploads
            can start.
          </p>
        </div>
      ) : (
        <UploadForm
          targetOf={uploadTargetOf}
          configVersions={configVersions.map((c) => ({ id: c.id, name: c.name }))}
          maxUploadBytes={settings.MAX_UPLOAD_BYTES}
          initialLabel={label}
          initialConfigVersionId={target?.exists ? target.configVersionId : configVersions[configVersions.length - 1].id}
          initialTarget={target}
        />
      )}
    </>
  )
}
