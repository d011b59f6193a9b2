import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
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
