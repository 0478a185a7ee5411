// How tests start a TypeScript script as its own process. `npx tsx scripts/x.ts` (the documented
// form) is tsx's command, which starts a second node process with tsx's loader; the tests start
// that second process directly (`node --import <tsx's loader>`): the same loader and the same
// script, one process start less, about 0.4 s per command on this machine. scripts/cli.test.ts
// runs one command through tsx's own command, so the documented form stays tested.
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
// A URL, not the bare 'tsx': the loader is found whatever folder the command runs in.
const TSX_LOADER = pathToFileURL(path.join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href

/** The executable and arguments that run `script` (a path from ROOT or absolute) under tsx. */
export function tsxCommand(script: string, args: string[]): [string, string[]] {
  return [process.execPath, ['--import', TSX_LOADER, path.resolve(ROOT, script), ...args]]
}

/** tsx's own command (`npx tsx`), for the test that runs a CLI exactly as documented. */
export const TSX_COMMAND = path.join(ROOT, 'node_modules/.bin/tsx')
