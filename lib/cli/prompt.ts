// Reading a secret on a terminal without echoing it (node:readline would echo every key).
import { UsageError } from './run'

export function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin
  if (!stdin.isTTY) return Promise.reject(new UsageError('No terminal to prompt on.'))
  return new Promise((resolve, reject) => {
    let value = ''
    const finish = (outcome: () => void) => {
      stdin.off('data', onData)
      stdin.setRawMode(false)
      stdin.pause()
      process.stderr.write('\n')
      outcome()
    }
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return finish(() => resolve(value))
        // Ctrl-C, Ctrl-D: raw mode turns them into characters; treat both as "give up".
        if (ch === '\u0003' || ch === '\u0004') return finish(() => reject(new UsageError('Cancelled.')))
        if (ch === '\u007f' || ch === '\b') value = Array.from(value).slice(0, -1).join('')
        else if (ch >= ' ') value += ch
      }
    }
    process.stderr.write(question)
    stdin.setEncoding('utf8')
    stdin.setRawMode(true)
    stdin.resume()
    stdin.on('data', onData)
  })
}

/** Asks twice; refuses when the two differ. */
export async function promptNewPassword(): Promise<string> {
  const first = await promptHidden('Password: ')
  const again = await promptHidden('Repeat password: ')
  if (first !== again) throw new UsageError('The passwords do not match.')
  return first
}
