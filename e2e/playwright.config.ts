import { defineConfig } from '@playwright/test';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * End-to-end: the built product (API + web apps on one port, fresh embedded PostgreSQL with the demo
 * data) driven by Debian's Chromium. Set CHROMIUM_PATH to use another Chromium binary.
 */
const port = Number(process.env['E2E_PORT'] ?? 3100);
// Set once by the runner, inherited by its workers: the specs that prepare data with SQL find the database by it.
process.env['E2E_DATA_DIR'] ??= join(tmpdir(), `switchboard-e2e-${process.pid}`);
const baseURL = `http://localhost:${port}`;

export default defineConfig({
  testDir: './src',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: '../dist/e2e/test-results',
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: {
    // Runs from this folder (Playwright's default), so paths are relative to e2e/.
    command: 'node ../dist/apps/api/main.js',
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      PORT: String(port),
      PUBLIC_URL: baseURL,
      DATABASE_URL: '',
      DATA_DIR: process.env['E2E_DATA_DIR'],
      EMBEDDED_PG_PORT: String(Number(process.env['E2E_PG_PORT'] ?? 54339)),
      WEB_DIST_DIR: '../dist/apps',
      LOG_LEVEL: 'warn',
      PRESENCE_GRACE_SECONDS: '5',
      // Specs change client and agent settings with SQL and expect the next widget connect to see them.
      WIDGET_SETTINGS_MAX_AGE_MS: '0',
      // The real SMTP listener, for the specs that send mail to an inbox (E2E_SMTP_PORT to move it).
      SMTP_PORT: String(Number(process.env['E2E_SMTP_PORT'] ?? 2626)),
      SMTP_HOST: '127.0.0.1',
      // Specs count the tickets they make; the demo's month of history would only be noise.
      SEED_DEMO_HISTORY: 'false',
    },
  },
});
