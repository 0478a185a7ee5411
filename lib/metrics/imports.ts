// input_set_imports_total counts every import attempt once (CLI, REST, portal), by how it
// ended: success (a draft revision committed), invalid (refused for what was sent: a blocking
// validation report or a domain error such as a bad label or file name) or failure (anything
// else: the database, the disk). Validate-only runs are not imports and are not counted.
import { DomainError } from '../errors'
import { metrics } from './registry'

export async function countImport<T>(attempt: Promise<T>, committed: (result: T) => boolean): Promise<T> {
  let result: T
  try {
    result = await attempt
  } catch (err) {
    countImportError(err)
    throw err
  }
  metrics().imports.inc({ result: committed(result) ? 'success' : 'invalid' })
  return result
}

export function countImportError(err: unknown): void {
  metrics().imports.inc({ result: err instanceof DomainError ? 'invalid' : 'failure' })
}
