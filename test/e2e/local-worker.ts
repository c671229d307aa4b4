/**
 * `wrangler dev` running this repository's Worker on a throwaway local D1: for the end-to-end tests
 * (harness.ts) and for the write and load benchmarks (worker/dev/bench-writes.ts, bench-load.ts),
 * which need the same Worker without a browser. Node only: no vitest, no playwright here.
 *
 * @example
 * const worker = await LocalWorker.start();
 * const org = await seedOrg(worker.url, worker.bootstrapToken);
 * await worker.dispose();
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const wranglerBin = path.join(root, 'node_modules', '.bin', 'wrangler');

/** Runs a command to completion in the repository root; rejects with its output when it fails. */
export function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${path.basename(command)} ${args.join(' ')} exited with ${code}\n${output}`)),
    );
  });
}

/** A TCP port nobody listens on right now (on 127.0.0.1). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** wrangler's `--log-level`. */
export type LogLevel = 'debug' | 'info' | 'log' | 'warn' | 'error' | 'none';

/**
 * `wrangler dev` running this repository's Worker on 127.0.0.1, with its own D1 in a temp folder
 * (migrations applied first) and its own BOOTSTRAP_TOKEN. `stop()` and `resume()` take the Worker
 * away and bring it back on the same URL with the same data, as a network outage would.
 */
export class LocalWorker {
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  private output = '';
  private port = 0;
  private logLevel: LogLevel = 'info';

  private constructor(
    /** Temp folder holding the D1 (`d1/`) and wrangler's logs. */
    readonly stateDir: string,
    /** The operator secret for `POST /v1/orgs`. */
    readonly bootstrapToken: string,
  ) {}

  /** The Worker's own URL, e.g. `http://127.0.0.1:43121` (the same across stop and resume). */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.child !== null;
  }

  /** What wrangler printed (for a failing test's message). */
  get logs(): string {
    return this.output;
  }

  /** Applies the migrations to a fresh temp D1, then starts the Worker on a free port. */
  static async start({ logLevel = 'info' }: { logLevel?: LogLevel } = {}): Promise<LocalWorker> {
    const stateDir = await tempDir('dyad-e2e-worker-');
    const worker = new LocalWorker(stateDir, `e2e-bootstrap-${randomBytes(24).toString('hex')}`);
    // wrangler.toml's assets folder (the console): the e2e global setup builds it; a benchmark needs no
    // console, and wrangler refuses a missing folder, so an empty one stands in.
    mkdirSync(path.join(root, '.output', 'console'), { recursive: true });
    worker.logLevel = logLevel;
    await run(wranglerBin, ['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', worker.persistTo], worker.env());
    worker.port = await freePort();
    await worker.resume();
    return worker;
  }

  private get persistTo(): string {
    return path.join(this.stateDir, 'd1');
  }

  /** CI=true: no prompt; logs and the dev registry in our temp folder, not in the home directory. */
  private env(): NodeJS.ProcessEnv {
    return {
      ...process.env,
      CI: 'true',
      WRANGLER_SEND_METRICS: 'false',
      WRANGLER_LOG_PATH: path.join(this.stateDir, 'logs'),
      WRANGLER_REGISTRY_PATH: path.join(this.stateDir, 'registry'),
    };
  }

  /** Starts (again) on the same port and D1; resolves once /healthz answers. */
  async resume(): Promise<void> {
    if (this.child) return;
    const inspectorPort = await freePort();
    // `--var` wins over any `.dev.vars` a developer has: the tests' own bootstrap token, nothing written to disk.
    const args = [
      'dev',
      '--ip',
      '127.0.0.1',
      '--port',
      String(this.port),
      '--inspector-port',
      String(inspectorPort),
      '--persist-to',
      this.persistTo,
      '--var',
      `BOOTSTRAP_TOKEN:${this.bootstrapToken}`,
      // One test browser signs in far more often than a person: the per-address and per-person limits
      // would trip on it. They are the Worker tests' to prove (test/worker/rate-limits.test.ts).
      'RATE_LIMITS:redeem=100000,signIn=100000,refresh=100000,credentials=100000',
      '--show-interactive-dev-session=false',
      // 'info' (tests): one line per request, with its time, printed when a test fails; a benchmark asks for 'warn'.
      '--log-level',
      this.logLevel,
    ];
    // Its own process group, so one signal reaches wrangler and the workerd it runs.
    const child = spawn(wranglerBin, args, { cwd: root, env: this.env(), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    this.child = child;
    const keep = (chunk: Buffer) => {
      // The end is what a failure needs; a long run must not grow this without bound.
      this.output = (this.output + chunk.toString()).slice(-100_000);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    void this.exited.then(() => {
      if (this.child === child) this.child = null;
    });
    killOnExit.add(child);

    const deadline = Date.now() + 60_000;
    for (;;) {
      if (this.child !== child) throw new Error(`wrangler dev exited before /healthz answered:\n${this.output}`);
      try {
        const res = await fetch(`${this.url}/healthz`, { signal: AbortSignal.timeout(2_000) });
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) {
        await this.stop();
        throw new Error(`wrangler dev did not answer /healthz within 60 s:\n${this.output}`);
      }
      await sleep(150);
    }
  }

  /** Stops wrangler and its workerd (the data stays); resolves once they have exited. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    signalGroup(child, 'SIGTERM');
    const killer = setTimeout(() => signalGroup(child, 'SIGKILL'), 5_000);
    await this.exited;
    clearTimeout(killer);
    // workerd may outlive wrangler by a moment: make sure the group is gone and the port is free.
    signalGroup(child, 'SIGKILL');
    killOnExit.delete(child);
    this.child = null;
    const deadline = Date.now() + 5_000;
    while (Date.now() < deadline && (await portAnswers(this.port))) await sleep(100);
  }

  /**
   * Runs one SQL statement on the Worker's D1 with `wrangler d1 execute --local` and resolves with
   * its rows. Call it while the Worker is stopped: one process at a time on the SQLite file.
   *
   * @example const [{ n }] = await worker.query<{ n: number }>('SELECT count(*) AS n FROM sessions');
   */
  async query<T>(sql: string): Promise<T[]> {
    if (this.child) throw new Error('LocalWorker.query: stop the Worker first');
    const out = await run(
      wranglerBin,
      ['d1', 'execute', 'DB', '--local', '--persist-to', this.persistTo, '--json', '--command', sql],
      this.env(),
    );
    // The JSON is the whole of stdout, but wrangler may print a banner on stderr (run() merges both).
    const json = out.slice(out.indexOf('['));
    return (JSON.parse(json) as Array<{ results: T[] }>)[0]!.results;
  }

  /** Stops the Worker and deletes its D1. */
  async dispose(): Promise<void> {
    await this.stop();
    await rm(this.stateDir, { recursive: true, force: true });
  }
}

/** Processes still running when this test process exits are stopped with it, and temp folders left behind removed. */
const killOnExit = new Set<ChildProcess>();
const removeOnExit = new Set<string>();
process.once('exit', () => {
  for (const child of killOnExit) signalGroup(child, 'SIGKILL');
  for (const dir of removeOnExit) rmSync(dir, { recursive: true, force: true });
});

/** A temp folder of ours, removed when the test process exits if no one removed it before. */
export async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  removeOnExit.add(dir);
  return dir;
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (!child.pid) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
