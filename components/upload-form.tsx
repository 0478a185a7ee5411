'use client'

import Link from 'next/link'
import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { formatBytes, IDLE, type UploadMode, type UploadState, type UploadTarget, type UploadTargetAnswer } from './upload-form-state'
import styles from './upload-form.module.css'
import { sendUpload, sizeRefusal, uploadOutcome, type UploadProgress } from './upload-send'
import { ValidationReportView } from './validation-report'

type Props = {
  /** Server action: what an upload to the label would become (the label only, never the files). */
  targetOf: (label: string) => Promise<UploadTargetAnswer>
  configVersions: { id: number; name: string }[]
  maxUploadBytes: number
  initialLabel: string
  initialConfigVersionId: number
  /** Where an upload to `initialLabel` lands, when the page was opened for a label. */
  initialTarget?: UploadTarget
}

/** Everything that changes what would be imported; the comment does not. */
function inputKey(files: File[], label: string, configVersionId: string, inherit: boolean): string {
  return JSON.stringify([files.map((f) => [f.name, f.size, f.lastModified]), label.trim(), configVersionId, inherit])
}

/**
 * Validate, then Create draft with the very same inputs. The form is submitted by hand: the
 * files go from the browser to the REST upload endpoint (see upload-send.ts), and the form
 * keeps its chosen files between the two steps.
 */
export function UploadForm({ targetOf, configVersions, maxUploadBytes, initialLabel, initialConfigVersionId, initialTarget }: Props) {
  const id = useId()
  const [state, setState] = useState<UploadState>(IDLE)
  const [pending, setPending] = useState(false)
  const [progress, setProgress] = useState<UploadProgress | null>(null)
  const inFlight = useRef<AbortController | null>(null)
  const [files, setFiles] = useState<File[]>([])
  const [label, setLabel] = useState(initialLabel)
  const [configVersionId, setConfigVersionId] = useState(String(initialConfigVersionId))
  const [inherit, setInherit] = useState(true)
  const [submitted, setSubmitted] = useState<{ mode: UploadMode; key: string } | null>(null)
  // What the form showed before a colleague's pending draft stopped Create draft; "Keep" returns to it.
  const [beforeRefusal, setBeforeRefusal] = useState<UploadState>(IDLE)
  const formRef = useRef<HTMLFormElement>(null)

  const key = inputKey(files, label, configVersionId, inherit)
  const total = files.reduce((sum, f) => sum + f.size, 0)
  const tooLarge = total > maxUploadBytes
  const mixedZip = files.length > 1 && files.some((f) => f.name.toLowerCase().endsWith('.zip'))
  const report = state.kind === 'report' ? state : null
  const current = submitted?.key === key
  const created = report?.mode === 'create' && report.report.ok
  const canCreate = Boolean(report && report.mode === 'validate' && report.report.ok && current) && !pending

  // Leaving the page stops an upload in progress.
  useEffect(() => () => inFlight.current?.abort(), [])

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (pending) return
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null
    const data = new FormData(event.currentTarget, submitter)
    await send(data.get('intent') === 'create' ? 'create' : 'validate', false)
  }

  /** Sends the chosen files; `replaceDraft` only after the user confirmed replacing a colleague's draft. */
  async function send(mode: UploadMode, replaceDraft: boolean) {
    const comment = formRef.current ? new FormData(formRef.current).get('comment') : null
    setSubmitted({ mode, key })
    // Never send what the server would refuse for its size.
    const refusal = sizeRefusal(files, maxUploadBytes)
    if (refusal) return setState({ kind: 'error', mode, message: refusal, field: 'files' })
    const controller = new AbortController()
    inFlight.current = controller
    setPending(true)
    setProgress(null)
    try {
      // Where the upload lands, asked before sending: after Create draft the label has changed.
      const answer = await targetOf(label.trim())
      if ('error' in answer) return setState({ kind: 'error', mode, message: answer.error, field: answer.field })
      const request = { mode, files, label, configVersionId, comment: typeof comment === 'string' ? comment : '', inherit, replaceDraft }
      const { status, body } = await sendUpload(request, setProgress, controller.signal)
      const outcome = uploadOutcome(
        mode,
        answer.target,
        files.map((f) => f.name),
        status,
        body,
      )
      if (outcome.kind === 'draft_pending' && state.kind !== 'draft_pending') setBeforeRefusal(state)
      setState(outcome)
    } catch (err) {
      if (controller.signal.aborted) return
      const message =
        err instanceof Error && err.message === 'network'
          ? 'The upload did not reach the server (network error or the connection was closed); nothing was imported. Check the connection and try again.'
          : 'The server could not be reached; nothing was imported. Reload the page and try again.'
      setState({ kind: 'error', mode, message })
    } finally {
      if (inFlight.current === controller) inFlight.current = null
      setPending(false)
      setProgress(null)
    }
  }

  const errorField = state.kind === 'error' ? state.field : undefined
  const errorId = `${id}-error`
  const invalid = (field: string) => (errorField === field ? { 'aria-invalid': true, 'aria-errormessage': errorId } : {})

  return (
    <>
      <form ref={formRef} className={styles.form} onSubmit={onSubmit} aria-busy={pending}>
        <fieldset className={styles.fields} disabled={pending}>
          <div className={`${styles.field} ${styles.wide}`}>
            <label htmlFor={`${id}-files`}>Files</label>
            <input
              id={`${id}-files`}
              type="file"
              name="files"
              multiple
              required
              accept=".csv,.json,.zip"
              aria-describedby={`${id}-files-hint`}
              onChange={(e) => setFiles(Array.from(e.currentTarget.files ?? []))}
              {...invalid('files')}
            />
            <span id={`${id}-files-hint`} className={styles.hint}>
              The bundle files (demand_family.csv, capacity.csv, … planning_calendar.json), or one .zip of them. At most {formatBytes(maxUploadBytes)} in all.
            </span>
          </div>
          {files.length > 0 && (
            <p className={tooLarge || mixedZip ? styles.problem : styles.chosen} role={tooLarge || mixedZip ? 'alert' : undefined}>
              {files.length} file{files.length === 1 ? '' : 's'}, {formatBytes(total)}: {files.map((f) => f.name).join(', ')}
              {tooLarge && ` — over the ${formatBytes(maxUploadBytes)} upload limit; split the bundle or ask an operator to raise MAX_UPLOAD_BYTES.`}
              {mixedZip && ' — choose either one .zip or the bundle files, not both.'}
            </p>
          )}
          <div className={styles.field}>
            <label htmlFor={`${id}-label`}>Label</label>
            <input
              id={`${id}-label`}
              name="label"
              required
              maxLength={128}
              pattern="[A-Za-z0-9][A-Za-z0-9._\-]*"
              title="1–128 characters of A-Z a-z 0-9 . _ - starting with a letter or digit"
              value={label}
              onChange={(e) => setLabel(e.currentTarget.value)}
              placeholder="e.g. fy26-w05"
              autoComplete="off"
              aria-describedby={`${id}-label-hint`}
              {...invalid('label')}
            />
            <span id={`${id}-label-hint`} className={styles.hint}>
              Letters, digits, . _ - (it appears in URLs and file names).
            </span>
          </div>
          <div className={styles.field}>
            <label htmlFor={`${id}-config`}>Config version</label>
            <select
              id={`${id}-config`}
              name="config_version_id"
              value={configVersionId}
              onChange={(e) => setConfigVersionId(e.currentTarget.value)}
              {...invalid('config_version_id')}
            >
              {configVersions.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.id} — {c.name}
                </option>
              ))}
            </select>
          </div>
          <div className={`${styles.field} ${styles.wide}`}>
            <label htmlFor={`${id}-comment`}>Comment</label>
            <textarea
              id={`${id}-comment`}
              name="comment"
              rows={2}
              maxLength={4000}
              placeholder="What changed and why, e.g. JIRA-123 week 5 demand refresh"
              {...invalid('comment')}
            />
          </div>
          <div className={`${styles.check} ${styles.wide}`}>
            <input
              id={`${id}-inherit`}
              type="checkbox"
              name="inherit"
              checked={inherit}
              onChange={(e) => setInherit(e.currentTarget.checked)}
              aria-describedby={`${id}-inherit-hint`}
            />
            <label htmlFor={`${id}-inherit`}>Inherit absent sections</label>
            <span id={`${id}-inherit-hint`} className={styles.hint}>
              Sections this upload does not contain are copied from the label&apos;s current revision. Untick to leave them empty.
            </span>
          </div>
        </fieldset>
        <div className={styles.actions}>
          <button type="submit" name="intent" value="validate" className="button" disabled={pending || tooLarge || mixedZip}>
            {pending && submitted?.mode === 'validate' ? 'Validating…' : 'Validate'}
          </button>
          <button type="submit" name="intent" value="create" className={`button ${styles.create}`} disabled={!canCreate}>
            {pending && submitted?.mode === 'create' ? 'Creating draft…' : 'Create draft'}
          </button>
          {pending && progress && <UploadMeter progress={progress} />}
          <span className={styles.hint} aria-live="polite">
            {nextStep(state, current, created, pending)}
          </span>
        </div>
      </form>

      {state.kind === 'idle' && initialTarget && label.trim() === initialLabel && <TargetNote target={initialTarget} label={initialLabel} inherit={inherit} />}
      {state.kind === 'error' && (
        <p id={errorId} className="form-error" role="alert">
          {state.message}
        </p>
      )}
      {state.kind === 'draft_pending' && (
        <ReplaceDraftConfirm
          refusal={state}
          current={current}
          pending={pending}
          onReplace={() => void send('create', true)}
          onKeep={() => setState(beforeRefusal)}
        />
      )}
      {report && (
        <div className={current || created ? undefined : styles.stale}>
          {created ? (
            <Created label={report.report.label} revision={report.report.revision} target={report.target} />
          ) : (
            report.report.ok && <TargetNote target={report.target} label={report.report.label} inherit={inherit} />
          )}
          <ValidationReportView report={report.report} />
        </div>
      )}
    </>
  )
}

function nextStep(state: UploadState, current: boolean, created: boolean, pending: boolean): string {
  if (pending) return 'Checking every file; nothing is written before Create draft.'
  if (state.kind === 'draft_pending') return 'Nothing was imported: decide below whether to replace the pending draft.'
  if (state.kind !== 'report') return 'Validate checks the files and writes nothing.'
  if (created) return 'Draft created.'
  if (!current) return 'The files or fields changed since this report: validate again.'
  if (!state.report.ok) return 'Fix the errors below, choose the files again and validate.'
  return 'No errors: Create draft imports exactly these files.'
}

/** How much of the body the browser has sent; at 100 % the server is still checking the files. */
function UploadMeter({ progress }: { progress: UploadProgress }) {
  const { loaded, total } = progress
  if (!total) return <span className={styles.hint}>Sent {formatBytes(loaded)}…</span>
  const percent = Math.min(100, Math.floor((loaded / total) * 100))
  return (
    <span className={styles.meter}>
      <progress value={loaded} max={total} aria-label="Upload progress">
        {percent} %
      </progress>
      <span className={styles.hint}>
        {loaded >= total ? 'Sent; the server is checking the files…' : `Sending ${percent} % (${formatBytes(loaded)} of ${formatBytes(total)})`}
      </span>
    </span>
  )
}

function TargetNote({ target, label, inherit }: { target: UploadTarget; label: string; inherit: boolean }) {
  if (!target.exists) {
    return <p className={styles.note}>&apos;{label}&apos; is a new label: Create draft makes its revision r1, a draft waiting for review.</p>
  }
  return (
    <p className={styles.note}>
      {target.ready !== null ? (
        <>
          &apos;{label}&apos; has a ready revision (r{target.ready}). This upload becomes a <strong>new draft for review</strong>; r{target.ready} stays in use until
          an approver approves the draft.
        </>
      ) : (
        <>&apos;{label}&apos; exists without a ready revision; this upload becomes its new draft for review.</>
      )}
      {target.draft && (
        <>
          {' '}
          It replaces the pending draft r{target.draft.number} (uploaded by {target.draft.uploadedBy}), which stays readable as {label}@{target.draft.number}.
        </>
      )}
      {!inherit && <> Sections missing from this upload will be empty (inheritance is off).</>}
    </p>
  )
}

type DraftPending = Extract<UploadState, { kind: 'draft_pending' }>

/**
 * Shown after Create draft was refused because a colleague's draft is pending: names them and
 * sends the same chosen files again with replace_draft only when the user confirms.
 */
function ReplaceDraftConfirm({
  refusal,
  current,
  pending,
  onReplace,
  onKeep,
}: {
  refusal: DraftPending
  current: boolean
  pending: boolean
  onReplace: () => void
  onKeep: () => void
}) {
  const { label, revision, uploadedBy } = refusal
  return (
    <section className={styles.confirm} role="alert" aria-label="Replace a colleague's draft?">
      <p>
        <strong>
          {label} already has a draft waiting for review: r{revision}, uploaded by {uploadedBy}.
        </strong>{' '}
        Nothing was imported.
      </p>
      <p>
        Creating your draft replaces theirs: r{revision} is superseded (still readable as {label}@{revision}) and the history records that you replaced {uploadedBy}
        &apos;s draft. {current ? 'Your chosen files are kept and will be sent again.' : 'The files or fields changed since: validate them again first.'}
      </p>
      <p className={styles.confirmActions}>
        <button type="button" className={`button ${styles.create}`} onClick={onReplace} disabled={pending || !current}>
          {pending ? 'Replacing…' : `Replace ${uploadedBy}'s draft`}
        </button>
        <button type="button" className="button" onClick={onKeep} disabled={pending}>
          Keep their draft
        </button>
      </p>
    </section>
  )
}

function Created({ label, revision, target }: { label: string; revision?: number; target: UploadTarget }) {
  const base = `/ui/plans/input_sets/${encodeURIComponent(label)}`
  return (
    <div className={styles.created} role="status">
      <p>
        <strong>
          Draft r{revision} of {label} created.
        </strong>{' '}
        {target.exists && target.ready !== null
          ? `It waits for review; r${target.ready} stays the ready revision until the draft is approved.`
          : 'It waits for review by an approver (not the uploader).'}
      </p>
      <p>
        <Link href={`${base}/review`}>Open the review page</Link> · <Link href={base}>View {label}</Link> · <Link href="/ui/plans/input_sets">All input sets</Link>
      </p>
    </div>
  )
}
