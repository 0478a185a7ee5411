// README_JA.md, the operators' Japanese cheat sheet, stays runnable: every `npx tsx scripts/<name>.ts …`
// command in it names a script that exists and passes only options that script accepts, and it
// covers every tool of docs/cli.md. The options are judged by the script's own parser: each
// command runs with its options followed by one option no script has. node:util parseArgs
// (lib/cli/run.ts, strict) reports the first problem in argument order, so a script that
// complains about that last option accepted everything before it, values included (a string
// option without its value, or a stray word, is reported first). Nothing else runs: parsing
// comes before any work, and the unknown option ends the script with exit 2.
// npm test: database-free
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, test } from 'node:test'
import { tsxCommand } from '../test/helpers/tsx-command'

const ROOT = path.resolve(import.meta.dirname, '..')
const CHEAT_SHEET = fs.readFileSync(path.join(ROOT, 'README_JA.md'), 'utf8')
const PROBE = '--not-an-option-of-any-script'

/** Lines of fenced code blocks (backslash continuations joined) and inline code spans of the prose. */
function codeTexts(markdown: string): string[] {
  const fence = /^```[^\n]*\n([\s\S]*?)^```/gm
  const blocks = [...markdown.matchAll(fence)].flatMap((m) => m[1].replace(/\\\n\s*/g, ' ').split('\n'))
  const spans = [...markdown.replace(fence, '').matchAll(/`([^`\n]+)`/g)].map((m) => m[1])
  return [...blocks, ...spans]
}

/**
 * The shell words after the script path, up to the end of the command: the end of the text, or
 * an unquoted `)`, `|`, `;`, `&`, `>`, or `#` starting a word (a comment). Quotes are removed;
 * `$(…)` stays inside its word.
 */
function shellWords(rest: string): string[] {
  const words: string[] = []
  let word = ''
  let inWord = false
  let quote: string | null = null
  let depth = 0
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i]
    if (quote) {
      if (c === quote) quote = null
      else word += c
      continue
    }
    if (depth > 0) {
      if (c === '(') depth++
      if (c === ')') depth--
      word += c
      continue
    }
    if (c === "'" || c === '"') {
      quote = c
      inWord = true
    } else if (c === '$' && rest[i + 1] === '(') {
      depth++
      word += '$('
      inWord = true
      i++
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word)
      word = ''
      inWord = false
    } else if (')|;&>'.includes(c) || (c === '#' && !inWord)) {
      break
    } else {
      word += c
      inWord = true
    }
  }
  if (inWord) words.push(word)
  return words
}

type Command = { line: string; script: string; args: string[] }

function commands(markdown: string): Command[] {
  return codeTexts(markdown).flatMap((line) =>
    [...line.matchAll(/npx tsx (scripts\/[\w./-]+\.ts)/g)].map((m) => ({ line, script: m[1], args: shellWords(line.slice(m.index + m[0].length)) })),
  )
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'readme-ja-'))
after(() => fs.rmSync(scratch, { recursive: true, force: true }))

/** Runs the script as the cheat sheet does, plus the probe option; resolves with its exit code and stderr. */
function runWithProbe({ script, args }: Command): Promise<{ code: number | null; stderr: string }> {
  // Its own data folder and no DATABASE_URL: should a script ever get past parsing, it touches nothing real.
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: path.join(scratch, 'data'), TMP_DIR: path.join(scratch, 'tmp') }
  delete env.DATABASE_URL
  return new Promise((resolve, reject) => {
    const [command, argv] = tsxCommand(script, [...args, PROBE])
    const child = spawn(command, argv, { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stderr }))
  })
}

test('shellWords reads quotes, $(…), and stops at a closing parenthesis, a pipe or a comment', () => {
  assert.deepEqual(shellWords(` --a "x y" --b 'z' --c out-$(date +%F).db) | jq`), ['--a', 'x y', '--b', 'z', '--c', 'out-$(date +%F).db'])
  assert.deepEqual(shellWords(' --name "Ana Ortiz"   # a comment --x'), ['--name', 'Ana Ortiz'])
  assert.deepEqual(shellWords(' --label a#b && echo'), ['--label', 'a#b'])
})

test('every npx tsx scripts/<name>.ts command in README_JA.md names an existing script and only options it accepts', async () => {
  const all = commands(CHEAT_SHEET)
  assert.ok(all.length >= 20, `only ${all.length} commands found in README_JA.md`)
  const distinct = [...new Map(all.map((c) => [`${c.script} ${c.args.join(' ')}`, c])).values()]
  for (const c of distinct) assert.ok(fs.existsSync(path.join(ROOT, c.script)), `README_JA.md names ${c.script}, which does not exist: ${c.line}`)
  const problems: string[] = []
  // Two at a time: each run starts tsx.
  for (let i = 0; i < distinct.length; i += 2) {
    const batch = distinct.slice(i, i + 2)
    const results = await Promise.all(batch.map(runWithProbe))
    results.forEach(({ code, stderr }, j) => {
      const firstError = stderr.split('\n').find((l) => l.startsWith('error:')) ?? stderr.trim().split('\n')[0]
      if (code !== 2 || !stderr.includes(`Unknown option '${PROBE}'`)) problems.push(`${batch[j].line}\n    → exit ${code}: ${firstError}`)
    })
  }
  assert.deepEqual(problems, [], `commands whose options the script refuses:\n${problems.join('\n')}`)
})

test('README_JA.md shows every tool of docs/cli.md, and README.md links to it', () => {
  const cli = fs.readFileSync(path.join(ROOT, 'docs/cli.md'), 'utf8')
  const tools = [...cli.matchAll(/^\| `([a-z][a-z_]+)` \|/gm)].map((m) => m[1])
  assert.ok(tools.length >= 10, `only ${tools.length} tools found in docs/cli.md`)
  const shown = new Set(commands(CHEAT_SHEET).map((c) => path.basename(c.script, '.ts')))
  assert.deepEqual(
    tools.filter((t) => !shown.has(t)),
    [],
    'tools of docs/cli.md missing from README_JA.md',
  )
  assert.match(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8'), /\]\(README_JA\.md\)/)
})
