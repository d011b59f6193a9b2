import { mkdtempSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
// Jest loads this file outside its module mapper, so the library is reached by path.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { startEmbeddedPostgres } from '../../../libs/api/database/src/embedded-postgres.util';

declare global {
  var __switchboardTestDb: { stop: () => Promise<void> } | undefined;
}

/**
 * A throwaway database for the integration suites: on the server of DATABASE_URL when it is set,
 * otherwise on an embedded PostgreSQL in a temporary folder. Its owner URL goes to TEST_DATABASE_URL.
 */
export default async function globalSetup(): Promise<void> {
  await probeRedis();
  const name = `switchboard_test_${process.pid}_${Date.now()}`;
  const external = process.env['DATABASE_URL'];
  if (external) {
    const admin = new Client({ connectionString: external });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(external);
    url.pathname = `/${name}`;
    process.env['TEST_DATABASE_URL'] = url.toString();
    globalThis.__switchboardTestDb = {
      stop: async () => {
        const client = new Client({ connectionString: external });
        await client.connect();
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await client.end();
      },
    };
    return;
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-test-'));
  const handle = await startEmbeddedPostgres({ dataDir, port: await freePort(), database: name });
  process.env['TEST_DATABASE_URL'] = handle.ownerUrl;
  globalThis.__switchboardTestDb = handle;
}

/**
 * The multi-node specs need a Redis: found → TEST_REDIS_AVAILABLE=1; missing → those specs are skipped
 * with this notice, except under CI=true, where a missing Redis fails the run (CI machines have one).
 */
async function probeRedis(): Promise<void> {
  const url = new URL(process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379');
  const reached = await new Promise<boolean>((resolve) => {
    const socket = connect({ host: url.hostname, port: Number(url.port || 6379), timeout: 2_000 });
    socket.once('connect', () => (socket.end(), resolve(true)));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(false));
  });
  if (reached) {
    process.env['TEST_REDIS_AVAILABLE'] = '1';
    return;
  }
  if (process.env['CI']) throw new Error(`The scale-out specs need Redis at ${url.host} (TEST_REDIS_URL) and none answers.`);
  // eslint-disable-next-line no-console -- the one notice a developer must see: two specs do not run here
  console.warn(`\n  No Redis at ${url.host} (TEST_REDIS_URL): the two multi-node Redis specs are skipped on this machine.\n`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
