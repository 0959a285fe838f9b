import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import { chmodSync, chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = '/usr/lib/postgresql/15/bin';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A throw-away PostgreSQL 15 cluster in a temp dir on its own port, which a test may stop and kill. */
export class TempCluster {
  readonly dir: string;
  readonly data: string;
  private readonly asRoot = process.getuid?.() === 0;

  constructor(readonly port: number) {
    this.dir = mkdtempSync(join(tmpdir(), `atlas-pg${port}-`));
    this.data = join(this.dir, 'data');
    if (this.asRoot) {
      // initdb refuses to run as root: the cluster belongs to the postgres OS user.
      const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
      const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
      chownSync(this.dir, uid, gid);
      chmodSync(this.dir, 0o700);
    }
  }

  get url() { return `postgres://postgres@127.0.0.1:${this.port}/postgres`; }
  urlFor(db: string) { return `postgres://postgres@127.0.0.1:${this.port}/${db}`; }

  // Asynchronous, so the test's own requests keep being timed truthfully while pg_ctl waits.
  private async run(cmd: string, args: string[]): Promise<string> {
    const [file, argv] = this.asRoot ? ['runuser', ['-u', 'postgres', '--', join(BIN, cmd), ...args]] : [join(BIN, cmd), args];
    return (await promisify(execFile)(file, argv, { timeout: 60_000 })).stdout;
  }

  async init() {
    await this.run('initdb', ['-D', this.data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  }

  /** Starts and waits until it accepts connections; retries while a killed predecessor's backends are still exiting. */
  async start() {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.run('pg_ctl', ['-D', this.data, '-l', join(this.dir, 'log'), '-w', '-t', '30',
          '-o', `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=on -c synchronous_commit=on`, 'start']);
        return;
      } catch (e) {
        if (attempt >= 10) throw new Error(`cluster did not start: ${(e as Error).message}\n${this.log()}`);
        await sleep(500);
      }
    }
  }

  async stop(mode: 'fast' | 'immediate' = 'fast') {
    await this.run('pg_ctl', ['-D', this.data, '-m', mode, '-w', '-t', '30', 'stop']);
  }

  /** SIGKILL to the postmaster: no shutdown checkpoint; the next start runs crash recovery from the WAL. */
  kill(): number {
    const pid = Number(readFileSync(join(this.data, 'postmaster.pid'), 'utf8').split('\n')[0]);
    process.kill(pid, 'SIGKILL');
    return pid;
  }

  async running(): Promise<boolean> {
    try { await this.run('pg_ctl', ['-D', this.data, 'status']); return true; } catch { return false; }
  }

  log(): string { return existsSync(join(this.dir, 'log')) ? readFileSync(join(this.dir, 'log'), 'utf8').slice(-3000) : ''; }

  async destroy() {
    try { if (await this.running()) await this.stop('immediate'); } catch { /* already gone */ }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The built server (node server/dist/main.js) as a child process; resolves once it prints its URL. */
export async function startServer(env: Record<string, string>, cwd: string): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, ['server/dist/main.js'], {
    cwd, env: { ...process.env, HOST: '127.0.0.1', PORT: '0', ATLAS_WEB_DIST: '/nonexistent', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => { out += d; });
  child.stderr.on('data', (d) => { out += d; });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 120 s:\n${out}`)), 120_000);
    const check = () => {
      const m = /GraphQL: (http:\/\/[\d.:]+)\/graphql/.exec(out);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    };
    child.stdout.on('data', check);
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited with ${code}:\n${out}`)); });
  });
  return { child, url, output: () => out };
}

export interface Outcome { ok: boolean; status: number; code?: string; message?: string; ms: number; at: number; ref?: string }

/** One GraphQL POST with a deadline; never throws. */
export interface PostResult { status: number; body: { data?: any; errors?: { message?: string; extensions?: { code?: string } }[] }; ms: number }

export async function post(url: string, query: string, variables: Record<string, unknown>, token?: string, timeoutMs = 8000): Promise<PostResult> {
  const started = Date.now();
  try {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST', signal: AbortSignal.timeout(timeoutMs),
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = await res.json().catch(() => ({})) as { data?: any; errors?: { message?: string; extensions?: { code?: string } }[] };
    return { status: res.status, body, ms: Date.now() - started };
  } catch (e) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    return { status: 0, body: { errors: [{ message: `${(e as Error).message}: ${cause?.code ?? ''} ${cause?.message ?? ''}`, extensions: { code: (e as Error).name === 'TimeoutError' ? 'CLIENT_TIMEOUT' : 'NETWORK' } }] }, ms: Date.now() - started };
  }
}
