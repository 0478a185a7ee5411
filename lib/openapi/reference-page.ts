// The API reference page (/api/docs): Scalar's reference component, loaded from this site
// (app/api/docs/scalar.js), never from a CDN, run by the response's script nonce.
import path from 'node:path'

/** The component's self-contained browser build, as the package ships it. */
export const REFERENCE_SCRIPT_FILE = path.join(process.cwd(), 'node_modules', '@scalar', 'api-reference', 'dist', 'browser', 'standalone.js')
export const REFERENCE_SCRIPT_URL = '/api/docs/scalar.js'
export const DOCUMENT_URL = '/api/openapi.json'

// The configuration is JSON inside a script, so '<' is escaped: no value can close the tag.
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replaceAll('<', '\\u003c')
}

export function referencePageHtml(nonce: string): string {
  const config = {
    url: DOCUMENT_URL,
    // The component's web fonts are on its makers' servers; the page policy (font-src 'self')
    // refuses them, and the system's fonts are used instead.
    withDefaultFonts: false,
    customCss: ':root { --scalar-font: system-ui, sans-serif; --scalar-font-code: ui-monospace, monospace; }',
    hideClientButton: false,
    telemetry: false,
    agent: { disabled: true },
    mcp: { disabled: true },
    showDeveloperTools: 'never',
  }
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>API reference — Planning Hub</title>
<link rel="icon" href="/icon.svg" type="image/svg+xml">
</head>
<body>
<div id="api-reference"></div>
<script nonce="${nonce}" src="${REFERENCE_SCRIPT_URL}"></script>
<script nonce="${nonce}">Scalar.createApiReference('#api-reference', ${scriptJson(config)})</script>
</body>
</html>
`
}
