// Caps on the rows one upload may make the server read (MAX_ROWS_PER_FILE, MAX_ROWS_PER_UPLOAD).
// The byte limits do not bound the work: a zip of a few hundred KB can expand to tens of millions
// of short rows, each parsed, validated and key-checked. Past a cap the upload is refused at once,
// naming the file, the row and the cap, rather than read to its end; nothing is written.
import { TooLargeError } from '../../errors'

export const TOO_MANY_ROWS = 'too_many_rows'

export class RowBudget {
  private uploadRows = 0

  constructor(
    private readonly perFile: number,
    private readonly perUpload: number,
  ) {}

  /**
   * Counts one data row of `file`: its `fileRows`-th, on physical line `line`. Returns the
   * refusal (a TooLargeError, too_many_rows) when the row passes either cap, for the reader to
   * stop and throw once its stream is closed.
   */
  count(file: string, fileRows: number, line: number): TooLargeError | undefined {
    this.uploadRows++
    if (fileRows > this.perFile) {
      return refusal(`${file} has more than ${this.perFile} rows (MAX_ROWS_PER_FILE): reading stopped at row ${line}; nothing was imported.`, {
        file,
        row: line,
        limit: this.perFile,
        setting: 'MAX_ROWS_PER_FILE',
      })
    }
    if (this.uploadRows > this.perUpload) {
      return refusal(
        `The upload has more than ${this.perUpload} rows in all its files together (MAX_ROWS_PER_UPLOAD): reading stopped at ${file} row ${line}; nothing was imported.`,
        { file, row: line, limit: this.perUpload, setting: 'MAX_ROWS_PER_UPLOAD' },
      )
    }
    return undefined
  }
}

function refusal(message: string, details: { file: string; row: number; limit: number; setting: string }): TooLargeError {
  // `field` ties the message to the file input on the portal's upload form.
  return new TooLargeError(message, { ...details, field: 'files' }, TOO_MANY_ROWS)
}
