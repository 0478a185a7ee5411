// Header values of multipart/form-data: the request's boundary (RFC 2046 §5.1.1) and each
// part's Content-Disposition name and filename (RFC 7578 §4.2). Only these matter here: file
// bytes are kept as sent and text fields are read as UTF-8, so a part's Content-Type and the
// deprecated Content-Transfer-Encoding change nothing and are not read.
import { InvalidError } from '../errors'

export type PartHeaders = { name: string; filename?: string }

export function malformed(reason: string): InvalidError {
  return new InvalidError(`The upload is not valid multipart/form-data: ${reason}.`, { field: 'body' })
}

// RFC 2046 bchars: 1 to 70 of them, the last one not a space.
const BOUNDARY = /^[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]$/

/** The boundary of a `multipart/form-data; boundary=…` Content-Type, or undefined when it has none or a malformed one. */
export function boundaryOf(contentType: string): string | undefined {
  const boundary = parseHeaderValue(contentType)?.params.get('boundary')
  return boundary !== undefined && BOUNDARY.test(boundary) ? boundary : undefined
}

/** The part's field name and, for a file part, its file name; refuses a part without a form-data name. */
export function parsePartHeaders(block: string): PartHeaders {
  let disposition: string | undefined
  // Folded continuation lines (obsolete, RFC 7230 §3.2.4) are joined to the line they continue.
  for (const line of block.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    if (line === '') continue
    const colon = line.indexOf(':')
    if (colon <= 0) throw malformed(`a part has a header line without a name (${JSON.stringify(line.slice(0, 60))})`)
    if (line.slice(0, colon).trim().toLowerCase() === 'content-disposition') disposition = line.slice(colon + 1)
  }
  if (disposition === undefined) throw malformed('a part has no Content-Disposition header')
  const parsed = parseHeaderValue(disposition)
  if (!parsed || parsed.type !== 'form-data')
    throw malformed(`a part's Content-Disposition is not 'form-data; name="…"' (${JSON.stringify(disposition.trim().slice(0, 60))})`)
  const name = parsed.params.get('name')
  if (name === undefined) throw malformed("a part's Content-Disposition has no name")
  const plain = parsed.params.get('filename')
  const filename = extendedValue(parsed.params.get('filename*'), name) ?? (plain === undefined ? undefined : unescapeForm(plain))
  return { name: unescapeForm(name), ...(filename !== undefined ? { filename } : {}) }
}

/**
 * Browsers, curl and undici write '"', CR and LF in names as %22, %0D and %0A (the HTML
 * standard's multipart/form-data encoding); other '%' sequences are the name's own text.
 */
function unescapeForm(value: string): string {
  return value.replace(/%(22|0d|0a)/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
}

/** An RFC 8187 (formerly 5987) value such as UTF-8''%e2%82%ac.csv, in UTF-8 or ISO-8859-1. */
function extendedValue(value: string | undefined, field: string): string | undefined {
  if (value === undefined) return undefined
  const m = /^([^']*)'[^']*'(.*)$/.exec(value)
  const charset = m?.[1].toLowerCase()
  try {
    if (m && charset === 'utf-8') return decodeURIComponent(m[2])
    // Each ISO-8859-1 byte is the Unicode code point of the same number.
    if (m && charset === 'iso-8859-1' && !/%(?![0-9a-f]{2})/i.test(m[2]))
      return m[2].replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
  } catch {
    // Falls through to the refusal below.
  }
  throw malformed(`the filename* of part '${field}' is not a UTF-8 or ISO-8859-1 extended value`)
}

/** `type; key=value; key="quoted \"value\""` → the lower-cased type and parameters (keys lower-cased). */
function parseHeaderValue(value: string): { type: string; params: Map<string, string> } | undefined {
  const params = new Map<string, string>()
  const head = /^\s*([^;\s]*)\s*/.exec(value)!
  let rest = value.slice(head[0].length)
  while (rest) {
    if (rest[0] !== ';') return undefined
    rest = rest.slice(1).trimStart()
    if (!rest) break
    const key = /^([^=\s;"]+)\s*=\s*/.exec(rest)
    if (!key) return undefined
    rest = rest.slice(key[0].length)
    let text: string
    if (rest[0] === '"') {
      const quoted = readQuoted(rest)
      if (!quoted) return undefined
      ;[text, rest] = quoted
    } else {
      text = /^[^;\s]*/.exec(rest)![0]
      rest = rest.slice(text.length)
    }
    params.set(key[1].toLowerCase(), text)
    rest = rest.trimStart()
  }
  return { type: head[1].toLowerCase(), params }
}

/**
 * A quoted-string at the start of `text` and what follows it. Only \" and \\ are escapes:
 * browsers send a Windows path's backslashes as they are, and they must stay visible (and be
 * refused as a path) rather than vanish.
 */
function readQuoted(text: string): [string, string] | undefined {
  let out = ''
  for (let i = 1; i < text.length; i++) {
    const c = text[i]
    if (c === '"') return [out, text.slice(i + 1)]
    if (c === '\\' && (text[i + 1] === '"' || text[i + 1] === '\\')) out += text[++i]
    else out += c
  }
  return undefined
}
