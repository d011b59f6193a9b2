// The API under test, for both benches: build it with Nx, start dist/apps/api/main.js on a free port
// and a throwaway database (embedded PostgreSQL in the run's folder, or a new database on the server of
// --database-url), wait for /api/health, read its log, and stop it and whatever it left. Also the
// process helpers around it: free ports, node with the open-files limit raised, /proc/<pid>/limits.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { createThrowawayDatabase, dropDatabase, embeddedOwnerUrl } from './bench-db.mjs';
import { buildFailure, indentLines, nowMs } from './bench-lib.mjs';

/** The workspace root (the benches chdir here; dist/ and node_modules/ are below it). */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Ports the e2e suite and its PostgreSQL use: never ours, even if the OS offers them. */
export const RESERVED_PORTS = new Set([3000, 3100, 54339]);

/** A port that was free on 127.0.0.1 a moment ago, never one of RESERVED_PORTS. */
export async function freePort() {
  for (;;) {
    const port = await new Promise((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const { port: p } = server.address();
        server.close(() => resolve(p));
      });
    });
    if (!RESERVED_PORTS.has(port)) return port;
  }
}

/** `sh -c` that raises the soft open-files limit to the hard limit, then execs "$0" "$@". */
const RAISED_OPEN_FILES = 'ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$0" "$@"';

/** Runs node with `args` in a shell that first raises the soft open-files limit to the hard limit. */
export function spawnNode(args, spawnOptions) {
  return spawn('/bin/sh', ['-c', RAISED_OPEN_FILES, process.execPath, ...args], spawnOptions);
}

/** The soft open-files limit of `pid` (Linux /proc; null elsewhere). */
export function openFilesLimit(pid = 'self') {
  try {
    const line = readFileSync(`/proc/${pid}/limits`, 'utf8').split('\n').find((l) => l.startsWith('Max open files'));
    return Number(line.split(/\s{2,}/)[1]);
  } catch {
    return null;
  }
}

/**
 * Below `minimum` open files, re-runs `script` with this process's arguments once under a raised
 * `ulimit -n` (the re-run handles Ctrl-C and cleans up) and exits with its status; otherwise returns.
 */
export function rerunWithOpenFilesRaised(script, minimum) {
  if (process.env.BENCH_FD_RAISED || (openFilesLimit() ?? Infinity) >= minimum) return;
  process.on('SIGINT', () => undefined);
  const rerun = spawnSync('/bin/sh', ['-c', RAISED_OPEN_FILES, process.execPath, script, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, BENCH_FD_RAISED: '1' },
  });
  process.exit(rerun.status ?? 1);
}

/**
 * `nx <nxArgs>` in the workspace (cached when unchanged), announced with `announce`. Null when it
 * built (or `run.options.build` is off); else `<failure>: <the first error line>`, with a note
 * `<failureNote>; its last lines:` on the run.
 */
export function buildWithNx(run, nxArgs, { announce, failure, failureNote }) {
  const nx = join(ROOT, 'node_modules', '.bin', 'nx');
  if (!existsSync(nx)) return 'node_modules/.bin/nx is missing: run npm install';
  run.say(announce);
  const started = nowMs();
  const out = spawnSync(nx, [...nxArgs, '--output-style=static'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (out.status === 0) {
    run.say(`built in ${((nowMs() - started) / 1000).toFixed(0)} s`);
    return null;
  }
  const { first, tail } = buildFailure(`${out.stdout ?? ''}\n${out.stderr ?? ''}`, out.status);
  run.notes.push(`${failureNote}; its last lines:\n${tail}`);
  return `${failure}: ${first}`;
}

/** Settings of the product the bench decides itself: removed from the inherited environment first. */
const OWN_SETTINGS = ['DATABASE_URL', 'DATABASE_APP_URL', 'PUBLIC_URL', 'PORT', 'HOST', 'DATA_DIR', 'EMBEDDED_PG_PORT', 'SMTP_PORT', 'NODE_ENV', 'WEB_DIST_DIR', 'SEED_DEMO', 'SERVE_WEB'];

/**
 * One API process. `start()` fills in, as it goes: `ownerUrl` (the throwaway database's, as its owner),
 * `child`, `url`, `embeddedDataDir` (null on an external server), `exited` ({ code, signal } once it
 * ended) and, when it answers /api/health, `readyMs`. Its stop and the database's drop go on
 * `run.cleanups`; its output goes to `run.apiLogPath`.
 */
export class ApiServer {
  /**
   * @param run a BenchRun
   * @param settings { databaseUrl, apiLog, env: extra settings, publicUrl: set PUBLIC_URL to its address,
   *   requires: files that must exist besides dist/apps/api/main.js, as [path, what builds it] }
   */
  constructor(run, { databaseUrl, apiLog, env = {}, publicUrl = false, requires = [] }) {
    Object.assign(this, { run, databaseUrl, apiLog, extraEnv: env, publicUrl, requires });
    this.jwtSecret = randomBytes(48).toString('base64url');
    this.child = null;
    this.url = null;
    this.exited = null;
    this.embeddedDataDir = null;
    this.ownerUrl = null;
    this.readyMs = null;
  }

  async start() {
    const { run } = this;
    const main = join(ROOT, 'dist', 'apps', 'api', 'main.js');
    for (const [path, what] of [[main, 'build the API first'], ...this.requires]) {
      if (!existsSync(path)) throw new Error(`${path} does not exist (${what})`);
    }
    const port = await freePort();
    this.url = `http://127.0.0.1:${port}`;
    const env = { ...process.env };
    for (const name of OWN_SETTINGS) delete env[name];
    Object.assign(env, {
      PORT: String(port),
      HOST: '127.0.0.1',
      ...(this.publicUrl ? { PUBLIC_URL: this.url } : {}),
      DATA_DIR: join(run.work, 'data'),
      JWT_SECRET: this.jwtSecret,
      SEED_DEMO: 'false',
      SERVE_WEB: 'false',
      SMTP_ENABLED: 'false',
      LOG_LEVEL: this.apiLog,
      NODE_ENV: 'development',
      ...this.extraEnv,
    });
    if (this.databaseUrl) {
      const database = await createThrowawayDatabase(this.databaseUrl);
      run.cleanups.push(() => dropDatabase(this.databaseUrl, database.name));
      env.DATABASE_URL = database.url;
      this.ownerUrl = database.url;
      run.say(`throwaway database ${database.name} on ${new URL(this.databaseUrl).host}`);
    } else {
      env.EMBEDDED_PG_PORT = String(await freePort());
      this.embeddedDataDir = env.DATA_DIR;
    }
    const log = openSync(run.apiLogPath, 'a');
    // BENCH_API_NODE_ARGS: extra node flags for the API alone, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
    const nodeArgs = (process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean);
    this.child = spawnNode([...nodeArgs, main], { cwd: ROOT, env, stdio: ['ignore', log, log] });
    closeSync(log);
    this.child.once('exit', (code, signal) => (this.exited = { code, signal }));
    run.cleanups.push(() => this.stop());
    const started = nowMs();
    for (;;) {
      if (this.exited) throw new Error(`the API exited during start (${this.exited.code ?? this.exited.signal}):\n${this.logTail()}`);
      const health = await fetch(`${this.url}/api/health`, { signal: AbortSignal.timeout(2_000) }).catch(() => null);
      if (health?.ok) break;
      if (nowMs() - started > 180_000) throw new Error(`the API did not answer /api/health within 180 s:\n${this.logTail()}`);
      await sleep(250);
    }
    if (this.embeddedDataDir) this.ownerUrl = embeddedOwnerUrl(this.embeddedDataDir, Number(env.EMBEDDED_PG_PORT));
    this.readyMs = nowMs() - started;
    return this;
  }

  /** SIGTERM, then after 30 s SIGKILL and a SIGINT to the embedded postmaster it left (ours, by its pid file). */
  async stop() {
    if (!this.child || this.exited) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    const outcome = await Promise.race([exited.then(() => 'exited'), sleep(30_000, undefined, { ref: false }).then(() => 'timeout')]);
    if (outcome === 'timeout') {
      this.child.kill('SIGKILL');
      await exited;
      const pidFile = this.embeddedDataDir && join(this.embeddedDataDir, 'postgres', 'postmaster.pid');
      if (pidFile && existsSync(pidFile)) {
        try {
          process.kill(Number(readFileSync(pidFile, 'utf8').split('\n')[0]), 'SIGINT');
        } catch {
          // already gone
        }
      }
    }
  }

  /** The last lines of the API's log, indented. */
  logTail(lines = 25) {
    try {
      return indentLines(readFileSync(this.run.apiLogPath, 'utf8').trim().split('\n').slice(-lines));
    } catch {
      return '    (no API log)';
    }
  }

  /**
   * At the end of a run: a failure when the API exited during it, else a note with how many
   * warnings/errors it logged and the first.
   */
  checkAfterRun() {
    if (this.exited) return this.run.fail(`the API exited during the run (${this.exited.code ?? this.exited.signal}):\n${this.logTail()}`);
    let warnings = [];
    try {
      warnings = readFileSync(this.run.apiLogPath, 'utf8').split('\n').filter((l) => /"level":(40|50|60)/.test(l));
    } catch {
      // no log
    }
    if (warnings.length) this.run.notes.push(`The API logged ${warnings.length} warnings/errors; first: ${warnings[0].slice(0, 300)}`);
  }
}
