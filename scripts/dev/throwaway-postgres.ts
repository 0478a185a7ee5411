// A PostgreSQL 15 cluster created for one test run in a scratch folder (initdb as the
// `postgres` user when run as root), on a free loopback port, with durability off for speed.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { freePort } from '../../test/helpers/free-port'

const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin'

/** A PostgreSQL cluster that lives in a scratch folder and is removed by stop(), also on Ctrl-C. */
export class ThrowawayPostgres {
  readonly dir: string
  private started = false
  port = 0
  // initdb refuses to run as root; then the server runs as the `postgres` system user.
  private readonly asRoot = process.getuid?.() === 0
  private opts = ''

  constructor(private readonly scratch: string) {
    this.dir = path.join(scratch, 'pg')
  }

  private cmd(bin: string, args: string[]): { cmd: string; args: string[] } {
    const full = path.join(PG_BIN, bin)
    return this.asRoot ? { cmd: 'runuser', args: ['-u', 'postgres', '--', full, ...args] } : { cmd: full, args }
  }
  private runSync(bin: string, args: string[]): { ok: boolean; output: string } {
    const { cmd, args: a } = this.cmd(bin, args)
    const r = spawnSync(cmd, a, { encoding: 'utf8' })
    return { ok: r.status === 0, output: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error?.message ?? ''}` }
  }

  async start(): Promise<string> {
    if (!fs.existsSync(path.join(PG_BIN, 'initdb'))) {
      throw new Error(`PostgreSQL 15 server binaries not found in ${PG_BIN}. Install them: apt-get install -y postgresql`)
    }
    fs.mkdirSync(this.dir, { mode: 0o700 })
    if (this.asRoot) spawnSync('chown', ['postgres', this.scratch, this.dir])
    // C locale: byte-order text comparison, as SQLite's default collation.
    const init = this.runSync('initdb', ['-D', `${this.dir}/data`, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync'])
    if (!init.ok) throw new Error(`initdb failed:\n${init.output}`)
    for (let attempt = 1; ; attempt++) {
      this.port = await freePort()
      // Durability settings off: the cluster is deleted afterwards, and this keeps the run fast.
      this.opts = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`
      const r = this.startServer()
      if (r.ok) break
      this.stop(false)
      // Another process may have taken the port between probing and starting; try another.
      if (attempt === 3) throw new Error(`PostgreSQL did not start:\n${r.output}\n${this.log()}`)
    }
    console.log(`PostgreSQL 15 on 127.0.0.1:${this.port} (cluster in ${this.dir})`)
    return `postgresql://postgres@127.0.0.1:${this.port}/postgres`
  }

  /** Starts the server of an initialised cluster again, on the same port (after stopServer). */
  startServer(): { ok: boolean; output: string } {
    this.started = true
    return this.runSync('pg_ctl', ['-D', `${this.dir}/data`, '-o', this.opts, '-l', `${this.dir}/log`, '-w', '-t', '60', 'start'])
  }

  /** Stops the server (fast shutdown: open connections are terminated) and keeps the cluster. */
  stopServer(): void {
    this.runSync('pg_ctl', ['-D', `${this.dir}/data`, '-m', 'fast', '-w', 'stop'])
    this.started = false
  }

  log(): string {
    try {
      return fs.readFileSync(`${this.dir}/log`, 'utf8').split('\n').slice(-20).join('\n')
    } catch {
      return ''
    }
  }

  /** Synchronous so that it also works from signal and exit handlers. */
  stop(remove = true): void {
    if (this.started) {
      this.runSync('pg_ctl', ['-D', `${this.dir}/data`, '-m', 'immediate', '-w', 'stop'])
      this.started = false
    }
    if (remove) fs.rmSync(this.dir, { recursive: true, force: true })
  }
}
