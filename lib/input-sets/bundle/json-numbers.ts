// JSON.parse reads every number as a double without a word: a 20-digit parameter comes back
// rounded and 1e400 as Infinity, which is then stored as null. The bundle's JSON files get the
// same rule as CSV cells (values.ts parseNumber): each number literal must read back as written.
import { parseNumber } from './values'

export type JsonNumberProblem = { line: number; code: 'inexact_number' | 'out_of_range'; message: string }

const NUMBER_START = /[-0-9]/
const NUMBER_LITERAL = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y

/**
 * The number literals of a valid JSON text that would not be stored as written, with their
 * lines. Only the text outside strings is scanned; call it after JSON.parse has accepted `text`.
 */
export function inexactJsonNumbers(text: string): JsonNumberProblem[] {
  const problems: JsonNumberProblem[] = []
  let line = 1
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (c === '\n') line++
    else if (c === '"') i = endOfString(text, i)
    else if (NUMBER_START.test(c)) {
      NUMBER_LITERAL.lastIndex = i
      const literal = NUMBER_LITERAL.exec(text)![0]
      const parsed = parseNumber(literal)
      if (!parsed.ok && (parsed.code === 'inexact_number' || parsed.code === 'out_of_range')) {
        problems.push({ line, code: parsed.code, message: parsed.message })
      }
      i += literal.length - 1
    }
  }
  return problems
}

/** The index of the quote that closes the string opened at `start`. */
function endOfString(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++
    else if (text[i] === '"') return i
  }
  return text.length
}
