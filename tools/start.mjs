#!/usr/bin/env node
// `npm start`: builds what changed (Nx caches the rest), then runs the API in this process. The API
// starts the embedded PostgreSQL (unless DATABASE_URL is set), migrates, seeds the demo data once and
// serves the API, Socket.IO and the three web apps on one port. Ctrl-C stops everything.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const nx = join(root, 'node_modules', '.bin', 'nx');
if (!existsSync(nx)) {
  process.stderr.write('Dependencies are missing: run `npm install` first.\n');
  process.exit(1);
}

process.stdout.write('Building Switchboard (cached after the first run)…\n');
const build = spawnSync(nx, ['run-many', '-t', 'build', '-p', 'api', 'agent-console', 'client-portal', 'chat-widget', '--output-style=static'], {
  stdio: ['ignore', 'pipe', 'pipe'],
  env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
  encoding: 'utf8',
});
if (build.status !== 0) {
  process.stdout.write(build.stdout ?? '');
  process.stderr.write(build.stderr ?? '');
  process.stderr.write('\nThe build failed; see above.\n');
  process.exit(build.status ?? 1);
}

// Quieter logs in the terminal; set LOG_LEVEL=info (or debug) to see every request.
process.env.LOG_LEVEL ??= 'warn';
await import(join(root, 'dist', 'apps', 'api', 'main.js'));
