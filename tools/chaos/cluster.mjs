// A scaled-out Switchboard on this machine, loopback only: N API nodes (dist/apps/api/main.js) on one
// throwaway database of the machine's PostgreSQL and one Redis stream of its own on the machine's Redis,
// reached through TCP proxies this process can cut (Redis "restart") and a round-robin balancer in front
// of the nodes. Used by `npm run chaos` and `npm run bench`.
import { randomBytes, randomUUID } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort, ROOT, spawnNode } from '../bench/bench-api.mjs';
import { createThrowawayDatabase, dropDatabase } from '../bench/bench-db.mjs';

/** A TCP proxy: `stop()` cuts every connection and stops listening, `start()` listens again on the same port; several targets are tried round robin. */
export async function tcpProxy(targets, port = 0) {
  let next = 0;
  const open = new Set();
  let server = null;
  const pipeTo = (client, attempt) => {
    if (attempt >= targets.length) return client.destroy();
    const [host, p] = targets[(next + attempt) % targets.length].split(':');
    const upstream = connect(Number(p), host);
    let linked = false;
    upstream.once('connect', () => {
      linked = true;
      next = (next + attempt + 1) % targets.length;
      open.add(upstream);
      client.pipe(upstream).pipe(client);
      client.resume();
    });
    upstream.once('error', () => (linked ? client.destroy() : pipeTo(client, attempt + 1)));
    upstream.on('close', () => {
      open.delete(upstream);
      client.destroy();
    });
    client.on('close', () => upstream.destroy());
  };
  const listen = (at) =>
    new Promise((resolve, reject) => {
      const s = createServer({ pauseOnConnect: true }, (client) => {
        open.add(client);
        client.on('close', () => open.delete(client));
        client.on('error', () => client.destroy());
        pipeTo(client, 0);
      });
      server = s;
      s.once('error', reject);
      s.listen(at, '127.0.0.1', () => resolve(s.address().port));
    });
  const actual = await listen(port);
  return {
    port: actual,
    url: `127.0.0.1:${actual}`,
    async stop() {
      const s = server;
      server = null;
      for (const socket of open) socket.destroy();
      open.clear();
      if (s) await new Promise((resolve) => s.close(() => resolve()));
    },
    async start() {
      if (!server) await listen(actual);
    },
  };
}

export class Cluster {
  /**
   * @param opts { databaseUrl, redisUrl, nodes, env, work (folder), apiLog (level), say }
   */
  constructor(opts) {
    this.opts = opts;
    this.jwtSecret = randomBytes(48).toString('base64url');
    this.stream = `switchboard:chaos:${randomUUID()}`;
    this.nodes = [];
    this.cleanups = [];
  }

  async start() {
    const { databaseUrl, redisUrl, nodes, say } = this.opts;
    const main = join(ROOT, 'dist', 'apps', 'api', 'main.js');
    if (!existsSync(main)) throw new Error(`${main} does not exist: build the API first (npx nx build api)`);
    const database = await createThrowawayDatabase(databaseUrl);
    this.ownerUrl = database.url;
    this.cleanups.push(() => dropDatabase(databaseUrl, database.name));
    say?.(`throwaway database ${database.name}`);
    if (redisUrl) {
      const r = new URL(redisUrl);
      this.redis = await tcpProxy([`${r.hostname}:${r.port || 6379}`]);
      this.cleanups.push(() => this.redis.stop());
    }
    for (let i = 0; i < nodes; i++) this.nodes.push({ index: i, port: await freePort(), child: null, exited: null });
    // The first node migrates; the others start once it answers (they would wait on its lock anyway).
    await this.startNode(0);
    await Promise.all(this.nodes.slice(1).map((n) => this.startNode(n.index)));
    this.balancer = await tcpProxy(this.nodes.map((n) => `127.0.0.1:${n.port}`));
    this.cleanups.push(() => this.balancer.stop());
    this.url = `http://${this.balancer.url}`;
    return this;
  }

  nodeUrl(i) {
    return `http://127.0.0.1:${this.nodes[i].port}`;
  }

  async startNode(i) {
    const node = this.nodes[i];
    const { env: extra = {}, apiLog = 'warn', work } = this.opts;
    const env = { ...process.env };
    for (const name of ['DATABASE_URL', 'DATABASE_APP_URL', 'PUBLIC_URL', 'PORT', 'HOST', 'DATA_DIR', 'REDIS_URL', 'NODE_ENV', 'SEED_DEMO', 'SERVE_WEB']) delete env[name];
    Object.assign(env, {
      PORT: String(node.port),
      HOST: '127.0.0.1',
      DATA_DIR: join(work, `data-${i}`),
      DATABASE_URL: this.ownerUrl,
      JWT_SECRET: this.jwtSecret,
      NODE_ID: `chaos-node-${i + 1}`,
      SEED_DEMO: 'false',
      SERVE_WEB: 'false',
      SMTP_ENABLED: 'false',
      LOG_LEVEL: apiLog,
      NODE_ENV: 'development',
      SHUTDOWN_GRACE_MS: '3000',
      ...(this.redis ? { REDIS_URL: `redis://${this.redis.url}`, REDIS_STREAM: this.stream } : {}),
      ...extra,
    });
    node.logPath = join(work, `api-${i + 1}.log`);
    const log = openSync(node.logPath, 'a');
    node.exited = null;
    // BENCH_API_NODE_ARGS: extra node flags for the API nodes, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
    const nodeArgs = (process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean);
    node.child = spawnNode([...nodeArgs, join(ROOT, 'dist', 'apps', 'api', 'main.js')], { cwd: ROOT, env, stdio: ['ignore', log, log] });
    closeSync(log);
    const child = node.child;
    child.once('exit', (code, signal) => {
      if (node.child === child) node.exited = { code, signal };
    });
    const started = Date.now();
    for (;;) {
      if (node.exited) throw new Error(`node ${i + 1} exited during start (${node.exited.code ?? node.exited.signal}):\n${this.logTail(i)}`);
      const ready = await fetch(`${this.nodeUrl(i)}/api/health/ready`, { signal: AbortSignal.timeout(2_000) }).catch(() => null);
      if (ready?.ok) break;
      if (Date.now() - started > 180_000) throw new Error(`node ${i + 1} was not ready within 180 s:\n${this.logTail(i)}`);
      await sleep(200);
    }
    node.pid = child.pid;
    return Date.now() - started;
  }

  /** SIGKILL: a crash, nothing drained. */
  async killNode(i) {
    const node = this.nodes[i];
    const child = node.child;
    if (!child || node.exited) return;
    const gone = new Promise((resolve) => child.once('exit', resolve));
    // spawnNode runs node through `sh -c … exec`, so the pid is node's own.
    child.kill('SIGKILL');
    await gone;
  }

  /** SIGTERM: the graceful path (drain, then exit). */
  async stopNode(i) {
    const node = this.nodes[i];
    const child = node.child;
    if (!child || node.exited) return;
    const gone = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const outcome = await Promise.race([gone.then(() => 'exited'), sleep(30_000).then(() => 'timeout')]);
    if (outcome === 'timeout') {
      child.kill('SIGKILL');
      await gone;
    }
  }

  rssKb(i) {
    try {
      const line = readFileSync(`/proc/${this.nodes[i].child.pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
      return Number(line.split(/\s+/)[1]);
    } catch {
      return null;
    }
  }

  logTail(i, lines = 20) {
    try {
      return readFileSync(this.nodes[i].logPath, 'utf8').trim().split('\n').slice(-lines).map((l) => `    ${l}`).join('\n');
    } catch {
      return '    (no log)';
    }
  }

  async stop() {
    await Promise.all(this.nodes.map((n) => this.stopNode(n.index).catch(() => undefined)));
    for (const cleanup of this.cleanups.reverse()) await cleanup().catch(() => undefined);
  }
}
