// Typed queries compiled once and run many times. Building and compiling a query with Kysely
// costs 17–50 µs, several times what a lookup costs to run (docs/adr/0001-typed-query-layer.md),
// so the queries every request makes are compiled once per form and database kind: the query is
// built with stand-ins for its values, and each call only puts its values into the compiled
// parameters. On PostgreSQL it is also prepared once per connection (preparedStatement).
import type { Compilable, CompiledQuery } from 'kysely'
import type { Db } from './query'
import { preparedStatement, type SqlConn, type SqlValue } from './sql'

// No real value looks like this.
const mark = (name: string) => `\u0000prepared-value-${name}\u0000`
const MARK = /^\u0000prepared-value-(.+)\u0000$/

type Compiled = { query: CompiledQuery; slots: (string | null)[] }

/** Builds with stand-ins for `names` and records which parameter carries which value. */
function compileWithMarks(build: (marks: Record<string, string>) => Compilable<unknown>, names: string[]): Compiled {
  const marks = Object.fromEntries(names.map((n) => [n, mark(n)]))
  const query = build(marks).compile()
  const slots = query.parameters.map((p) => (typeof p === 'string' && MARK.test(p) ? MARK.exec(p)![1] : null))
  for (const name of names) {
    // A value used in JavaScript (not as a query value) would be frozen at its stand-in.
    if (!slots.includes(name)) throw new Error(`prepared query: ${name} is not a value of the query (${query.sql})`)
  }
  preparedStatement(query.sql)
  return { query, slots }
}

async function run<O>(conn: SqlConn, { query, slots }: Compiled, value: (name: string) => unknown): Promise<O[]> {
  const parameters = query.parameters.map((p, i) => (slots[i] === null ? p : value(slots[i]!)))
  // Straight to the connection: Kysely's executor adds several awaits per query, as much as a lookup costs.
  return (await conn.executeCompiled({ ...query, parameters })).rows as O[]
}

/**
 * A fixed lookup: `build` must use each argument as a query value only, not in JavaScript logic
 * (the query is built once, with stand-ins); an argument used otherwise is refused at first use.
 */
export function preparedQuery<A extends SqlValue[], O>(build: (db: Db, ...args: A) => Compilable<O>): (conn: SqlConn, ...args: A) => Promise<O[]> {
  const names = Array.from({ length: build.length - 1 }, (_, i) => `argument ${i + 1}`)
  const compiled = new Map<SqlConn['kind'], Compiled>()
  return (conn, ...args) => {
    let entry = compiled.get(conn.kind)
    if (!entry) {
      entry = compileWithMarks((marks) => build(conn.db, ...(names.map((n) => marks[n]) as A)), names)
      compiled.set(conn.kind, entry)
    }
    return run<O>(conn, entry, (name) => args[names.indexOf(name)])
  }
}

/**
 * A query whose form depends on a few choices (which optional filters are given, a sort order):
 * compiled once per form, database kind and set of given values. `form` may steer the building;
 * `values` must be used as query values only, like preparedQuery's arguments. A value left
 * undefined counts as not given (its condition is left out of the query).
 */
export function preparedForms<F, V extends Record<string, SqlValue | undefined>, O>(
  build: (db: Db, form: F, values: V) => Compilable<O>,
): (conn: SqlConn, form: F, values: V) => Promise<O[]> {
  const compiled = new Map<string, Compiled>()
  return (conn, form, values) => {
    const given = Object.keys(values)
      .filter((k) => values[k] !== undefined)
      .sort()
    const key = `${conn.kind} ${JSON.stringify(form)} ${given.join(',')}`
    let entry = compiled.get(key)
    if (!entry) {
      entry = compileWithMarks((marks) => build(conn.db, form, marks as unknown as V), given)
      compiled.set(key, entry)
    }
    return run<O>(conn, entry, (name) => values[name])
  }
}
