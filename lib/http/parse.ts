// zod failures become one InvalidError (HTTP 400) whose details name each field, so a
// client can point at the field it got wrong.
import type { z } from 'zod'
import { InvalidError } from '../errors'

export type FieldIssue = { field: string; message: string }

export function parseWith<S extends z.ZodType | undefined>(
  schema: S,
  input: unknown,
  where: 'path' | 'query' | 'body',
): S extends z.ZodType ? z.output<S> : undefined {
  type Result = S extends z.ZodType ? z.output<S> : undefined
  if (!schema) return undefined as Result
  const parsed = schema.safeParse(input)
  if (parsed.success) return parsed.data as Result
  const issues: FieldIssue[] = parsed.error.issues.map((i) => ({ field: i.path.join('.') || where, message: i.message }))
  // A domain check inside a schema (labels) keeps its own code, e.g. invalid_label.
  const first = parsed.error.issues[0] as { params?: { code?: unknown } }
  const code = typeof first.params?.code === 'string' ? first.params.code : 'invalid'
  const message = issues.length === 1 && issues[0].message.includes(issues[0].field) ? issues[0].message : issues.map((i) => `${i.field}: ${i.message}`).join('; ')
  throw new InvalidError(message, { field: issues[0].field, in: where, issues }, code)
}
