import type { INestApplication } from '@nestjs/common';
import { createRootLogger, loadConfig, type AppConfig } from '@switchboard/api-platform';
import type { LoginResponse, Page } from '@switchboard/shared-contracts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createApp } from '../app.factory';
import { openDatabase } from '../database/database-runtime';
import { DEMO_PASSWORD } from '../database/seed/demo-data';

export interface TestApp {
  app: INestApplication;
  config: AppConfig;
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  close(): Promise<void>;
}

/** The real API (migrations, demo seed, HTTP, sockets) on a random port against the test database. */
export async function startTestApp(env: Record<string, string> = {}, options: { logDestination?: { write(line: string): void } } = {}): Promise<TestApp> {
  const ownerUrl = process.env['TEST_DATABASE_URL'];
  if (!ownerUrl) throw new Error('TEST_DATABASE_URL is not set: run through jest (global setup).');
  const config = loadConfig({
    DATABASE_URL: ownerUrl,
    DATA_DIR: mkdtempSync(join(tmpdir(), 'switchboard-app-')),
    JWT_SECRET: 'test-secret-test-secret-test-secret-0123',
    SERVE_WEB: 'false',
    SMTP_PORT: '0',
    SMTP_HOST: '127.0.0.1',
    LOG_LEVEL: process.env['TEST_LOG_LEVEL'] ?? 'silent',
    // Suites that are not about routing pick tickets by hand; the routing suites turn the router on.
    ROUTING_ENABLED: 'false',
    // Suites change inbox and client settings with SQL and expect the next connect to see them.
    WIDGET_SETTINGS_MAX_AGE_MS: '0',
    // Sign-in and webhook limits are counted across nodes in the shared database, so one suite's
    // sign-ins would count against the next; the suite about them sets its own limits.
    LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
    WEBHOOK_RATE_LIMIT_PER_MINUTE: '1000000',
    ...env,
  });
  const logger = createRootLogger(config.logLevel, options.logDestination);
  const database = await openDatabase(config, logger);
  const app = await createApp(config, logger, database.appUrl);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return { app, config, url: `http://127.0.0.1:${address.port}`, close: () => app.close() };
}

export interface HttpResult<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** Every item of a paged list (`Page<T>`), following `nextCursor` page by page. */
export async function allPages<T>(base: string, path: string, token: string): Promise<T[]> {
  const items: T[] = [];
  let after: string | null = null;
  do {
    const separator = path.includes('?') ? '&' : '?';
    const page: HttpResult<Page<T>> = await http<Page<T>>(base, 'GET', after ? `${path}${separator}after=${encodeURIComponent(after)}` : path, { token });
    if (page.status !== 200) throw new Error(`GET ${path}: ${page.status} ${JSON.stringify(page.body)}`);
    items.push(...page.body.items);
    after = page.body.nextCursor;
  } while (after);
  return items;
}

/** A tiny JSON client: what a browser or a script would send. */
export async function http<T = unknown>(base: string, method: string, path: string, options: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {}): Promise<HttpResult<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers['authorization'] = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.rawBody !== undefined) body = options.rawBody;
  else if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers['content-type'] ??= 'application/json';
  const response = await fetch(`${base}${path}`, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body: parsed as T, headers: response.headers };
}

export async function login(base: string, email: string, password = DEMO_PASSWORD): Promise<LoginResponse> {
  const result = await http<LoginResponse>(base, 'POST', '/api/auth/login', { body: { email, password } });
  if (result.status !== 200) throw new Error(`login of ${email} failed: ${result.status} ${JSON.stringify(result.body)}`);
  return result.body;
}

/** Superuser queries for arranging and checking state, bypassing the application. */
export async function ownerQuery<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: process.env['TEST_DATABASE_URL'] });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

export async function clientIdOf(slug: string): Promise<string> {
  const [row] = await ownerQuery<{ id: string }>('SELECT id FROM clients WHERE slug = $1', [slug]);
  return row.id;
}
