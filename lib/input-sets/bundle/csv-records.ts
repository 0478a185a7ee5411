// CSV text to records, in one batch per input chunk, each record with the physical line it starts
// on (docs/bundles.md, "Import rules"). Most lines of a planning file are plain values between
// delimiters; those are split here, about four times faster than csv-parse reads them. At the
// first line that is anything else (a value that spans lines, a comment, a stray quote, an escape
// character, a very long line), csv-parse reads the rest of the file, so every record and every
// syntax error from there on is csv-parse's own. csv-records.test.ts checks on random text that
// both ways give the same records, lines and errors.
import { Parser, type Options } from 'csv-parse'

/** The records completed while reading one input chunk, each with the line it starts on. */
export type RecordBatch = { records: string[][]; lines: number[] }

export type CsvSyntax = { delimiter: string; quote: string; escape: string | null; comment?: string }

export const MAX_RECORD_BYTES = 1_000_000
// Any of CRLF, LF and a lone CR ends a row, also mixed in one file (files pasted together from
// Windows and Unix sources); csv-parse would otherwise keep the first it sees and read the
// others as data, gluing rows together.
const ROW_ENDS = ['\r\n', '\n', '\r']
// A line longer than this goes to csv-parse, which measures it in bytes against MAX_RECORD_BYTES
// (a character is at most 4 bytes in UTF-8).
const LONGEST_SPLIT_LINE = MAX_RECORD_BYTES / 4

/**
 * csv-parse's stream, emitting one RecordBatch per input chunk instead of one object per record
 * (per-record stream pushes and `info: true` copies dominated the parse).
 *
 * csv-parse's `info.lines` is the line a record ends on, except that it counts a CRLF inside a
 * quoted value as two lines; the records themselves tell how many such CRLFs and line breaks they
 * hold. Only a record that ends more than one line after the previous one can hold any (or follow
 * blank lines), so the common one-line record costs nothing extra.
 */
class BatchingParser extends Parser {
  protected records: string[][] = []
  protected lines: number[] = []
  /** Physical lines read before csv-parse saw its first character. */
  protected lineBase = 0
  /** csv-parse's `info.lines` at the previous record, plus lineBase. */
  protected lastParserLine = 0
  /** Quoted CRLFs so far, each counted twice by csv-parse. */
  private overcount = 0
  /** The line the last completed record ends on (0 before the first). */
  lastRecordLine = 0

  constructor(options: Options) {
    // One batch buffered at most: the parser reads the next chunk once the consumer holds the last.
    super({ ...options, readableHighWaterMark: 1 } as Options)
  }

  /** The physical line for a line number csv-parse reports (in an error) after the records read so far. */
  physicalLine(parserLine: number): number {
    return parserLine + this.lineBase - this.overcount
  }

  override push(chunk: unknown, encoding?: BufferEncoding): boolean {
    if (chunk === null) {
      this.emitBatch()
      return super.push(null, encoding)
    }
    const record = chunk as string[]
    const parserLine = this.info.lines + this.lineBase
    let breaks = 0
    if (parserLine - this.lastParserLine > 1) {
      for (const field of record) {
        const inside = lineBreaks(field)
        breaks += inside.breaks
        this.overcount += inside.crlfs
      }
    }
    this.lastParserLine = parserLine
    this.lastRecordLine = parserLine - this.overcount
    this.records.push(record)
    this.lines.push(this.lastRecordLine - breaks)
    return true
  }

  override _transform(chunk: unknown, encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    super._transform(chunk, encoding, (error?: Error | null) => {
      this.emitBatch()
      callback(error)
    })
  }

  override _flush(callback: (error?: Error | null) => void): void {
    super._flush((error?: Error | null) => {
      this.emitBatch()
      callback(error)
    })
  }

  protected emitBatch(): void {
    if (!this.records.length) return
    const batch: RecordBatch = { records: this.records, lines: this.lines }
    this.records = []
    this.lines = []
    super.push(batch)
  }
}

/** Line breaks inside a value (CRLF, LF or a lone CR: one each), and how many of them are CRLFs. */
function lineBreaks(field: string): { breaks: number; crlfs: number } {
  let breaks = 0
  let crlfs = 0
  for (let i = 0; i < field.length; i++) {
    const c = field.charCodeAt(i)
    if (c === 0x0a) breaks++
    else if (c === 0x0d) {
      breaks++
      if (field.charCodeAt(i + 1) === 0x0a) {
        crlfs++
        i++
      }
    }
  }
  return { breaks, crlfs }
}

/** Reads CSV text (strings, as utf8Decoder gives them) into RecordBatches; see the top of this file. */
export class CsvRecordReader extends BatchingParser {
  /** Text after the last row end seen, which the next chunk continues. */
  private pending = ''
  /** Set at the first line that cannot be split: csv-parse reads from there on. */
  private stuck: boolean
  /** Whether csv-parse has been given text yet. */
  private handedOver = false
  private readonly syntax: CsvSyntax

  /** `split: false` leaves every line to csv-parse (tests compare the two ways). */
  constructor(syntax: CsvSyntax, { split = true } = {}) {
    const { delimiter, quote, escape, comment } = syntax
    super({
      decodeStrings: false,
      relax_column_count: true,
      skip_empty_lines: true,
      max_record_size: MAX_RECORD_BYTES,
      record_delimiter: ROW_ENDS,
      delimiter,
      quote,
      escape,
      ...(comment ? { comment } : {}),
    } as Options)
    this.syntax = syntax
    // Splitting handles one-character quotes and delimiters that cannot be mistaken for row ends.
    this.stuck = !split || quote.length > 1 || !delimiter || /[\r\n]/.test(delimiter) || (quote !== '' && delimiter.includes(quote))
  }

  override _transform(chunk: unknown, encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    if (typeof chunk !== 'string') this.stuck = true
    if (this.stuck) return this.parseOn(chunk as string | Buffer, encoding, callback)
    const text = this.pending + chunk
    this.pending = ''
    const rest = this.splitLines(text, false)
    if (this.stuck) return this.parseOn(text.slice(rest), encoding, callback)
    this.pending = text.slice(rest)
    this.emitBatch()
    callback()
  }

  override _flush(callback: (error?: Error | null) => void): void {
    if (this.stuck) return super._flush(callback)
    const rest = this.splitLines(this.pending, true)
    if (!this.stuck) {
      this.emitBatch()
      return callback()
    }
    const last = this.pending.slice(rest)
    this.pending = ''
    this.parseOn(last, 'utf8', (error) => (error ? callback(error) : super._flush(callback)))
  }

  /** csv-parse reads `text` and everything after it; its line numbers continue from the lines split so far. */
  private parseOn(text: string | Buffer, encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    if (!this.handedOver) {
      this.handedOver = true
      this.lineBase = this.lastParserLine
    }
    let bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text
    if (this.pending) {
      // Text kept from the last split chunk, before a chunk that is not a string.
      bytes = Buffer.concat([Buffer.from(this.pending, 'utf8'), bytes])
      this.pending = ''
    }
    super._transform(bytes, encoding, callback)
  }

  /**
   * Splits the complete lines of `text` (all of it when `atEnd`) into records and returns where
   * the unread text starts: at a line kept for the next chunk, or at the line csv-parse must read
   * (then `stuck` is set). `lastParserLine` counts the physical lines read.
   */
  private splitLines(text: string, atEnd: boolean): number {
    const { quote, escape, comment } = this.syntax
    // Per chunk, not per line: most chunks hold none of these characters.
    const quoted = quote !== '' && text.includes(quote)
    const special = (escape !== null && escape !== quote && text.includes(escape)) || (!!comment && text.includes(comment))
    let at = 0
    let lf = -2
    let cr = -2
    for (;;) {
      if (lf !== -1 && lf < at) lf = text.indexOf('\n', at)
      if (cr !== -1 && cr < at) cr = text.indexOf('\r', at)
      let end: number
      let next: number
      if (cr >= 0 && (lf < 0 || cr < lf)) {
        // A CR that ends the chunk may be the first half of a CRLF.
        if (cr === text.length - 1 && !atEnd) return at
        end = cr
        next = text.charCodeAt(cr + 1) === 0x0a ? cr + 2 : cr + 1
      } else if (lf >= 0) {
        end = lf
        next = lf + 1
      } else {
        // A line that has not ended within the longest split line is csv-parse's to measure.
        if (text.length - at > LONGEST_SPLIT_LINE) {
          this.stuck = true
          return at
        }
        if (!atEnd || at === text.length) return at
        end = next = text.length
      }
      if (end > at) {
        const fields = end - at > LONGEST_SPLIT_LINE ? undefined : this.splitLine(text.slice(at, end), quoted, special)
        if (!fields) {
          this.stuck = true
          return at
        }
        this.records.push(fields)
        this.lines.push(++this.lastParserLine)
        this.lastRecordLine = this.lastParserLine
      } else this.lastParserLine++
      at = next
    }
  }

  /** The values of one line, or undefined when csv-parse must read it. */
  private splitLine(line: string, quoted: boolean, special: boolean): string[] | undefined {
    const { delimiter, quote, escape, comment } = this.syntax
    if (special && ((escape !== null && escape !== quote && line.includes(escape)) || (!!comment && line.includes(comment)))) return undefined
    if (!quoted || !line.includes(quote)) return line.split(delimiter)
    if (escape !== quote) return undefined
    return splitQuotedLine(line, delimiter, quote)
  }
}

/**
 * Values of a line with quoted values that each close on the line, right before a delimiter or
 * the line's end, a doubled quote standing for one; undefined for anything else (csv-parse then
 * reads the line: it may continue on the next, or be an error csv-parse words).
 */
function splitQuotedLine(line: string, delimiter: string, quote: string): string[] | undefined {
  const fields: string[] = []
  let i = 0
  for (;;) {
    if (line.startsWith(quote, i)) {
      let value = ''
      let from = i + 1
      for (;;) {
        const q = line.indexOf(quote, from)
        if (q < 0) return undefined
        value += line.slice(from, q)
        if (line.startsWith(quote, q + 1)) {
          value += quote
          from = q + 2
          continue
        }
        i = q + 1
        break
      }
      fields.push(value)
      if (i === line.length) return fields
      if (!line.startsWith(delimiter, i)) return undefined
      i += delimiter.length
    } else {
      const d = line.indexOf(delimiter, i)
      const value = line.slice(i, d < 0 ? line.length : d)
      if (value.includes(quote)) return undefined
      fields.push(value)
      if (d < 0) return fields
      i = d + delimiter.length
    }
  }
}
