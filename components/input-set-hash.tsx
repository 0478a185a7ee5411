'use client'

import { useState } from 'react'

/** The full content hash, selectable as text, with a copy button for pasting into tickets. */
export function InputSetHash({ hash }: { hash: string }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null)
  async function copy() {
    try {
      await navigator.clipboard.writeText(hash)
      setCopied('yes')
    } catch {
      // Clipboard access needs a secure context (https or localhost); the text stays selectable.
      setCopied('failed')
    }
    setTimeout(() => setCopied(null), 2000)
  }
  return (
    <span className="hash">
      <code className="hash-text">{hash}</code>
      <button type="button" className="small-button" onClick={copy} aria-label="Copy content hash">
        Copy
      </button>
      <span className="hash-copied" aria-live="polite">
        {copied === 'yes' ? 'Copied' : copied === 'failed' ? 'Select the text to copy' : ''}
      </span>
    </span>
  )
}
